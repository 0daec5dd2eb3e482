/** Pure converters between the shared state and the `telegram` package's TL classes. */
export * from './long';
export * from './user';
export * from './peers';
export * from './entities';
export * from './markup';
export * from './media';
export * from './content-media';
export * from './message';
export * from './privacy';
export * from './reactions';
