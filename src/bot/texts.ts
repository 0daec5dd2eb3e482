/**
 * Every word the Family Album bot says, in one place, for the product owner to review.
 *
 * Plain text (no Markdown/HTML parse mode), so names need no escaping. Functions take exactly
 * the facts a sentence needs. The product rules these texts state are implemented in
 * `db/families.ts` and `db/join-requests.ts`:
 *
 * - **Joining.** Only someone alone in their own album can ask to join another. When the owner
 *   allows it, the newcomer's photos move with them into the family album.
 * - **Another family.** Someone who already shares an album must /leave it first (an owner with
 *   members: /handover first).
 * - **Leaving.** A member who leaves starts a new, empty album; the photos they added stay with
 *   the family.
 * - **Owners.** An owner cannot leave an album others are in. /handover makes the member who
 *   joined earliest the owner; then the former owner can /leave like anyone.
 * - **Buttons.** A reply that tells the person to tap 📷 Photo or 👪 Family shows that keyboard
 *   (someone whose first message is a photo or a word never pressed Start, so has none yet).
 * - **Media groups.** An album sent at once gets one reply, on its first photo, which is edited
 *   as the other photos are saved, so it always ends with the final count.
 */

/** How many photos, in words: "1 photo", "3 photos". */
const photos = (n: number) => `${n} ${n === 1 ? 'photo' : 'photos'}`;
const people = (n: number) => `${n} ${n === 1 ? 'member' : 'members'}`;

const when = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

const HINT = 'Send me a photo and I will keep it in your family album. Tap 📷 Photo to get one back, 👪 Family to see who is in it, or /invite to add someone.';

export const texts = {
  /** The reply keyboard. Its labels are also what the bot listens for. */
  keyboard: {
    photo: '📷 Photo',
    family: '👪 Family',
  },

  start: {
    greeting: (firstName: string, isNew: boolean) =>
      isNew
        ? `Hi ${firstName}! I keep your family's photos in one album. Send me a photo to start yours; tap 📷 Photo any time to get one back.`
        : `Welcome back, ${firstName}! Send me a photo, or tap 📷 Photo to see one.`,
  },

  help: `${HINT}\n\n/photo — a random photo\n/count — how many photos\n/members — who is in the family\n/invite — a link to invite someone\n/leave — leave the family\n/handover — give your album to the longest-standing member`,

  photos: {
    /** The first photo of an album. */
    welcome: 'Welcome to your family album! 🎉 This is its first photo. Tap 📷 Photo any time to see one.',
    saved: (total: number) => `Saved! The album has ${photos(total)}.`,
    /** The one reply of a media group that started an empty album, as more of its photos arrive. */
    welcomeGroup: (total: number) => `Welcome to your family album! 🎉 Saved! The album has ${photos(total)}.`,
    empty: 'Your album is empty. Send me a photo to start it!',
    caption: (uploaderName: string, sentAt: Date, caption: string | null) =>
      `From ${uploaderName}, ${when.format(sentAt)}${caption ? `\n“${caption}”` : ''}`,
    count: (stats: { photos: number; contributors: number; members: number }) =>
      stats.photos === 0
        ? `The album has no photos yet. The family has ${people(stats.members)}.`
        : stats.members === 1
          ? `The album has ${photos(stats.photos)}, all yours. Send /invite to share it with your family.`
          : `The album has ${photos(stats.photos)}, added by ${stats.contributors} of the family's ${people(stats.members)}.`,
  },

  family: {
    members: (members: ReadonlyArray<{ firstName: string; username: string | null; isOwner: boolean }>) =>
      [
        `Your family (${people(members.length)}):`,
        ...members.map((member) => `${member.isOwner ? '👑' : '•'} ${member.firstName}${member.username ? ` (@${member.username})` : ''}${member.isOwner ? ' — owner' : ''}`),
        members.length === 1 ? '\nSend /invite to add someone.' : '',
      ]
        .filter(Boolean)
        .join('\n'),
    invite: (link: string, expiresAt: Date) =>
      `Send this link to the person you want in your family. When they open it, I will ask you to allow them.\n\n${link}\n\nThe link works until ${when.format(expiresAt)}.`,
  },

  invite: {
    unknown: 'This invitation link does not work. Ask for a new one: they get it with /invite.',
    expired: 'This invitation link has expired. Ask for a new one: they get it with /invite.',
  },

  forward: {
    hiddenUser: (name: string) =>
      `${name}'s privacy settings hide who they are, so I cannot tell whose family that is. Ask ${name} for an invitation link instead: they get it with /invite.`,
    notStarted: (firstName: string) => `${firstName} does not use this bot yet, so they have no album to join. Ask them to start me first.`,
    notAPerson: 'That message was not written by a person. To join someone\'s family, forward me a message they wrote, or open their invitation link.',
  },

  join: {
    requestSent: (ownerName: string) => `I asked ${ownerName} to let you into their family album. I will tell you when they decide.`,
    alreadyPending: (ownerName: string) => `You have already asked to join ${ownerName}'s family; they have not decided yet.`,
    alreadyMember: (ownerName: string, isYou: boolean) =>
      isYou ? 'That is your own family album: you are already in it.' : `You are already in ${ownerName}'s family.`,
    mustLeaveFirst: (ownerName: string, isOwner: boolean) =>
      isOwner
        ? 'You own a family album that others are in. To join another one, first send /handover, then /leave.'
        : `You are in ${ownerName}'s family. To join another one, first send /leave.`,
    albumGone: 'That family album no longer exists. Ask for a new invitation link.',
    ownerUnreachable: (ownerName: string) => `I could not reach ${ownerName} to ask them, so no request was made. Ask them to start me, then try again.`,

    /** The owner's message with the Allow / Deny buttons, and what it becomes once decided. */
    ownerPrompt: (requester: { firstName: string; username: string | null }) =>
      `${requester.firstName}${requester.username ? ` (@${requester.username})` : ''} asks to join your family album. If you allow it, their photos will join the album too.`,
    allowButton: 'Allow',
    denyButton: 'Deny',
    ownerAllowed: (requesterName: string) => `✅ ${requesterName} is now in your family album.`,
    ownerDenied: (requesterName: string) => `❌ You did not let ${requesterName} in.`,
    ownerCancelled: (requesterName: string) => `This request from ${requesterName} is no longer open.`,

    /** To the requester, once decided. */
    allowed: (ownerName: string, movedPhotos: number) =>
      `${ownerName} let you in: you are now in ${ownerName}'s family album!${movedPhotos > 0 ? ` Your ${photos(movedPhotos)} moved with you.` : ''}`,
    denied: (ownerName: string) => `${ownerName} did not add you to their family album this time. You still have your own album.`,

    /** Short answers to a button press (shown as a toast). */
    answerAllowed: 'Allowed.',
    answerDenied: 'Denied.',
    answerAlreadyDecided: (status: 'allowed' | 'denied' | 'cancelled' | 'pending') =>
      status === 'cancelled' ? 'This request is no longer open.' : `You already ${status === 'allowed' ? 'allowed' : 'denied'} this request.`,
    answerNotFound: 'This request is no longer open.',
    answerNotApprover: 'Only the owner who received this request can decide it.',
    answerNoLongerOwner: 'You no longer own this album, so this request is closed. They can ask again.',
    answerRequesterElsewhere: (requesterName: string) => `${requesterName} has joined another family meanwhile, so this request is closed.`,
  },

  leave: {
    left: (ownerName: string) => `You left ${ownerName}'s family. You have a new, empty album of your own; the photos you added stay with the family.`,
    ownerWithMembers: (successorName: string) =>
      `You own this family album and others are in it. Send /handover to make ${successorName} (the longest-standing member) the owner, then /leave.`,
    alone: 'You are not in anyone else\'s family: this album is your own.',
    /** Told to the owner. */
    memberLeft: (memberName: string) => `${memberName} left your family album. The photos they added stay.`,
  },

  handover: {
    done: (newOwnerName: string) => `${newOwnerName} now owns the family album. You are a member; you can /leave if you wish.`,
    notOwner: (ownerName: string) => `Only the owner can hand the album over, and that is ${ownerName}.`,
    noMembers: 'Nobody else is in your album, so there is nobody to hand it over to.',
    /** Told to the new owner. */
    youOwnIt: (formerOwnerName: string) => `${formerOwnerName} made you the owner of the family album. Requests to join will come to you now.`,
  },

  fallback: {
    hint: HINT,
    imageAsFile: 'That image came as a file. Please send it as a photo (not "as file") and I will put it in the album.',
    unknownButton: 'This button no longer does anything.',
  },

  errors: {
    apology: 'Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.',
  },
} as const;

export type Texts = typeof texts;
