/**
 * Track enums, with the reference's names and values (LiveKit's `TrackKind` and
 * `TrackSource`).
 */

/** What a track carries. [Reference: `TrackKind`] @readonly @enum {number} */
export const TrackKind = Object.freeze({
  KIND_UNKNOWN: 0,
  KIND_AUDIO: 1,
  KIND_VIDEO: 2,
});

/** Where a published track comes from. [Reference: `TrackSource`] @readonly @enum {number} */
export const TrackSource = Object.freeze({
  SOURCE_UNKNOWN: 0,
  SOURCE_CAMERA: 1,
  SOURCE_MICROPHONE: 2,
  SOURCE_SCREENSHARE: 3,
  SOURCE_SCREENSHARE_AUDIO: 4,
});
