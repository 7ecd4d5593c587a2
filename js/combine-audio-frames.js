import { AudioFrame, frameSamples } from './audio-frame.js';
import { describe } from './errors.js';

/**
 * Joins frames of one sample rate and channel count into one frame.
 *
 * A single AudioFrame is returned as is (the same object). An array gives a new frame
 * whose samples are each frame's `numChannels * samplesPerChannel` samples in order and
 * whose `samplesPerChannel` is the sum.
 *
 * @param {AudioFrame | AudioFrame[]} frameOrFrames
 * @returns {AudioFrame}
 * @throws {TypeError} when the argument is neither a frame nor an array of frames
 * @throws {RangeError} "buffer is empty" for `[]`; "Sample rate mismatch: expected A, got
 *   B" / "Channel count mismatch: expected A, got B" when the frames differ
 */
export function combineAudioFrames(frameOrFrames) {
  if (frameOrFrames instanceof AudioFrame) return frameOrFrames;
  if (!Array.isArray(frameOrFrames)) {
    throw new TypeError(`frameOrFrames must be an AudioFrame or an array of AudioFrames, got ${describe(frameOrFrames)}`);
  }
  if (frameOrFrames.length === 0) throw new RangeError('buffer is empty');
  frameOrFrames.forEach((frame, i) => {
    if (!(frame instanceof AudioFrame)) {
      throw new TypeError(`frameOrFrames[${i}] must be an AudioFrame, got ${describe(frame)}`);
    }
  });
  const { sampleRate, numChannels } = frameOrFrames[0];
  let samplesPerChannel = 0;
  for (const frame of frameOrFrames) {
    if (frame.sampleRate !== sampleRate) {
      throw new RangeError(`Sample rate mismatch: expected ${sampleRate}, got ${frame.sampleRate}`);
    }
    if (frame.numChannels !== numChannels) {
      throw new RangeError(`Channel count mismatch: expected ${numChannels}, got ${frame.numChannels}`);
    }
    samplesPerChannel += frame.samplesPerChannel;
  }
  const parts = frameOrFrames.map((frame, i) => frameSamples(frame, `frameOrFrames[${i}]`));
  const data = new Int16Array(samplesPerChannel * numChannels);
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  return new AudioFrame(data, sampleRate, numChannels, samplesPerChannel);
}
