// Two RTCPeerConnections on one page: what one sends, the other receives, through the
// browser's real WebRTC stack (Opus encode, RTP, jitter buffer, decode).

/**
 * Sends `track` from one peer connection to the other. Resolves with the received
 * MediaStream and a `close()`. `stereo` asks Opus for two channels. The received stream
 * is also attached to a muted <audio> element: Chromium feeds silence to Web Audio from a
 * remote track that plays nowhere.
 */
export async function openLoopback(track, { stereo = false } = {}) {
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  sender.onicecandidate = ({ candidate }) => candidate && receiver.addIceCandidate(candidate);
  receiver.onicecandidate = ({ candidate }) => candidate && sender.addIceCandidate(candidate);
  const arrived = new Promise((resolve) => {
    receiver.ontrack = ({ streams, track: t }) => resolve(streams[0] ?? new MediaStream([t]));
  });
  sender.addTrack(track, new MediaStream([track]));
  const withStereo = (sdp) => (stereo ? sdp.replace(/useinbandfec=1/g, 'useinbandfec=1;stereo=1;sprop-stereo=1') : sdp);

  const offer = await sender.createOffer();
  await sender.setLocalDescription(offer);
  await receiver.setRemoteDescription({ type: 'offer', sdp: withStereo(offer.sdp) });
  const answer = await receiver.createAnswer();
  await receiver.setLocalDescription(answer);
  await sender.setRemoteDescription({ type: 'answer', sdp: withStereo(answer.sdp) });

  const stream = await arrived;
  // The track arrives with the remote description, before ICE and DTLS are done: wait
  // until media can flow, so what is sent from now on is not lost to the handshake.
  await new Promise((resolve, reject) => {
    const check = () => {
      if (sender.connectionState === 'connected') resolve();
      else if (sender.connectionState === 'failed') reject(new Error('the loopback connection failed'));
      else sender.addEventListener('connectionstatechange', check, { once: true });
    };
    check();
  });
  const sink = document.createElement('audio');
  sink.muted = true;
  sink.srcObject = stream;
  sink.hidden = true;
  document.body.append(sink);
  await sink.play().catch(() => {});
  return {
    stream,
    track: stream.getAudioTracks()[0],
    sender,
    receiver,
    close() {
      sender.close();
      receiver.close();
      sink.remove();
    },
  };
}
