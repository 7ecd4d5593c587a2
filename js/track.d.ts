/** [Reference: `TrackKind`] */
export declare const TrackKind: Readonly<{
  KIND_UNKNOWN: 0;
  KIND_AUDIO: 1;
  KIND_VIDEO: 2;
}>;
export type TrackKind = (typeof TrackKind)[keyof typeof TrackKind];

/** [Reference: `TrackSource`] */
export declare const TrackSource: Readonly<{
  SOURCE_UNKNOWN: 0;
  SOURCE_CAMERA: 1;
  SOURCE_MICROPHONE: 2;
  SOURCE_SCREENSHARE: 3;
  SOURCE_SCREENSHARE_AUDIO: 4;
}>;
export type TrackSource = (typeof TrackSource)[keyof typeof TrackSource];
