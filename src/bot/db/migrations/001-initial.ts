import type { Migration } from './index';

/**
 * Albums, the people in them, their photos, invitations and join requests.
 *
 * A person always belongs to exactly one album (`people.album_id`); an album has one owner.
 * The two foreign keys point at each other, so `people.album_id` is checked at commit time
 * (DEFERRABLE INITIALLY DEFERRED): a new person and their album are created in one transaction.
 */
export const initial: Migration = {
  id: '001-initial',
  sql: `
    CREATE TABLE albums (
      id          bigserial PRIMARY KEY,
      owner_id    bigint NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE people (
      id                   bigint PRIMARY KEY,             -- the Telegram user id
      first_name           text NOT NULL,
      username             text,
      album_id             bigint NOT NULL REFERENCES albums (id) DEFERRABLE INITIALLY DEFERRED,
      joined_album_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
      last_shown_photo_id  bigint,
      created_at           timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX people_album_id ON people (album_id, joined_album_at);

    ALTER TABLE albums ADD CONSTRAINT albums_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES people (id);

    CREATE TABLE photos (
      id                 bigserial PRIMARY KEY,
      album_id           bigint NOT NULL REFERENCES albums (id),
      uploader_id        bigint NOT NULL REFERENCES people (id),
      file_id            text NOT NULL,
      file_unique_id     text NOT NULL,
      caption            text,
      media_group_id     text,
      source_chat_id     bigint NOT NULL,
      source_message_id  bigint NOT NULL,
      created_at         timestamptz NOT NULL DEFAULT now(),
      -- Telegram may deliver an update twice (after a crash before the offset was confirmed).
      UNIQUE (source_chat_id, source_message_id)
    );
    CREATE INDEX photos_album_id ON photos (album_id);

    ALTER TABLE people ADD CONSTRAINT people_last_shown_photo_id_fkey
      FOREIGN KEY (last_shown_photo_id) REFERENCES photos (id) ON DELETE SET NULL;

    -- The one reply a media group gets, edited as more of its photos arrive.
    CREATE TABLE media_group_replies (
      chat_id           bigint NOT NULL,
      media_group_id    text NOT NULL,
      reply_message_id  bigint,
      created_at        timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (chat_id, media_group_id)
    );

    CREATE TABLE invites (
      code        text PRIMARY KEY,
      album_id    bigint NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
      created_by  bigint NOT NULL REFERENCES people (id),
      created_at  timestamptz NOT NULL DEFAULT now(),
      expires_at  timestamptz NOT NULL
    );

    CREATE TABLE join_requests (
      id            bigserial PRIMARY KEY,
      album_id      bigint NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
      requester_id  bigint NOT NULL REFERENCES people (id),
      approver_id   bigint NOT NULL REFERENCES people (id),   -- the owner who got the buttons
      via           text NOT NULL CHECK (via IN ('invite', 'forward')),
      status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'allowed', 'denied', 'cancelled')),
      created_at    timestamptz NOT NULL DEFAULT now(),
      decided_at    timestamptz
    );
    CREATE UNIQUE INDEX join_requests_one_pending ON join_requests (requester_id, album_id) WHERE status = 'pending';
  `,
};
