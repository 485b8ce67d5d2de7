// A WebRTC master or viewer made with werift (a WebRTC stack in TypeScript, independent of str0m), signaling
// with the official KVS WebRTC JS SDK through the emulator; driven by kvs-esp's tests. Loopback host candidates
// only. Environment: ROLE (MASTER|VIEWER), CHANNEL_ARN, WSS_ENDPOINT, REGION, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, CLIENT_ID (viewer), TAMPER_FINGERPRINT=1 (master: answer with a wrong a=fingerprint),
// SEND_INTERFRAMES=1 (master: send VP8 interframes at 30 fps and never a keyframe, whatever PLIs ask).
// Prints one JSON line per event; a viewer exits 0 once media and the data channel's echo have arrived (with
// STAY_MS, it keeps receiving that long first: the benchmark's figures).
const { Role, role, print, client } = require('./signaling');
const {
  RTCPeerConnection, RTCSessionDescription, RTCIceCandidate, MediaStreamTrack, useH264, useVP8, useOPUS,
} = require('werift');

// Loopback host candidates only, and the codecs KVS masters send.
const config = {
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
  codecs: { video: process.env.SEND_INTERFRAMES ? [useVP8()] : [useH264(), useVP8()], audio: [useOPUS()] },
};

// RTP packets of VP8 interframes: the payload descriptor's S bit, then a frame whose first byte has the P bit
// set (RFC 6386 §9.1: not a keyframe). werift's sender puts its own SSRC and payload type on them.
const interframes = (track) => {
  let seq = 0;
  let timestamp = 0;
  return setInterval(() => {
    const packet = Buffer.alloc(12 + 1 + 100, 0x55);
    packet[0] = 0x80;
    packet[1] = 0x80 | 96;
    packet.writeUInt16BE(seq++ & 0xffff, 2);
    packet.writeUInt32BE((timestamp += 3000) >>> 0, 4);
    packet.writeUInt32BE(0x1234, 8);
    packet[12] = 0x10;
    packet[13] = 0x01;
    track.writeRtp(packet);
  }, 33);
};

const done = (code) => { client.close(); setTimeout(() => process.exit(code), 200); };
let received = { video: 0, audio: 0 };
setTimeout(() => { print('timeout', { received }); done(1); }, Number(process.env.TIMEOUT_MS || 25000));

// Trickled candidates, both ways; the SDK hands over a plain object.
const trickle = (pc, remoteClientId) => {
  pc.onicecandidate = ({ candidate }) => {
    if (candidate) client.sendIceCandidate(candidate, remoteClientId);
  };
};
const addRemote = (pc, c) => pc.addIceCandidate(new RTCIceCandidate(c)).catch((e) => print('bad-candidate', { error: String(e) }));
const tamper = (sdp) => sdp.replace(/a=fingerprint:sha-256 ([0-9A-F]{2})/, (_, byte) =>
  `a=fingerprint:sha-256 ${byte === '00' ? '01' : '00'}`);

if (role === Role.MASTER) {
  const peers = new Map();
  client.on('sdpOffer', async (offer, viewer) => {
    const pc = new RTCPeerConnection(config);
    peers.set(viewer, pc);
    trickle(pc, viewer);
    pc.connectionStateChange.subscribe((state) => print('connection', { viewer, state }));
    pc.onDataChannel.subscribe((channel) => {
      print('datachannel', { viewer, label: channel.label });
      channel.onMessage.subscribe((data) => {
        print('message', { viewer, text: data.toString() });
        channel.send(data);
      });
      channel.stateChanged.subscribe((state) => {
        if (state === 'open') channel.send('hello from werift');
      });
    });
    await pc.setRemoteDescription(new RTCSessionDescription(offer.sdp, 'offer'));
    if (process.env.SEND_INTERFRAMES) {
      const video = pc.getTransceivers().find((t) => t.kind === 'video');
      const track = new MediaStreamTrack({ kind: 'video' });
      video.setDirection('sendonly');
      await video.sender.replaceTrack(track);
      interframes(track);
    }
    const created = await pc.createAnswer();
    // werift opens SCTP from the ICE-controlling side only, str0m from the DTLS client only: as answerer (ICE
    // controlled) werift must leave the DTLS client role to the offerer, or neither side sends the SCTP INIT.
    const answer = new RTCSessionDescription(created.sdp.replace(/a=setup:active/g, 'a=setup:passive'), 'answer');
    await pc.setLocalDescription(answer);
    const sdp = process.env.TAMPER_FINGERPRINT ? tamper(answer.sdp) : answer.sdp;
    client.sendSdpAnswer({ type: 'answer', sdp }, viewer);
    print('answered', { viewer });
  });
  client.on('iceCandidate', (c, viewer) => { const pc = peers.get(viewer); if (pc) addRemote(pc, c); });
} else {
  const pc = new RTCPeerConnection(config);
  let echoed = false;
  let finished = false;
  const check = () => {
    if (finished || !echoed || received.video < 20 || received.audio < 20) return;
    finished = true;
    print('done', { received });
    if (process.env.STAY_MS) setTimeout(() => { print('stayed', { received }); done(0); }, Number(process.env.STAY_MS));
    else done(0);
  };
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.onTrack.subscribe((track) => {
    print('track', { kind: track.kind });
    track.onReceiveRtp.subscribe(() => { received[track.kind] += 1; check(); });
  });
  const channel = pc.createDataChannel('kvsDataChannel');
  channel.stateChanged.subscribe((state) => {
    if (state === 'open') { print('channel-open'); channel.send('ping from werift'); }
  });
  channel.onMessage.subscribe((data) => {
    print('message', { text: data.toString() });
    if (data.toString() === 'ping from werift') { echoed = true; check(); }
  });
  pc.connectionStateChange.subscribe((state) => print('connection', { state }));
  trickle(pc, undefined);
  client.on('open', async () => {
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    client.sendSdpOffer({ type: 'offer', sdp: pc.localDescription.sdp });
  });
  client.on('sdpAnswer', (answer) => pc.setRemoteDescription(new RTCSessionDescription(answer.sdp, 'answer')));
  client.on('iceCandidate', (c) => addRemote(pc, c));
}
client.on('open', () => print('open'));
client.on('error', (error) => print('error', { error: String(error) }));
client.open();
