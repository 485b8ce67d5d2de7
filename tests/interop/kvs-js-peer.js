// A master or a viewer made with the official Amazon KVS WebRTC JS SDK, driven by kvs-esp's tests against the
// emulator. Environment: ROLE (MASTER|VIEWER), CHANNEL_ARN, WSS_ENDPOINT, REGION, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, CLIENT_ID (viewer). Prints one JSON line per event; exits 0 once its part is done.
const { Role, role, print, client } = require('./signaling');

const candidate = (n) => ({
  candidate: `candidate:${n} 1 udp 2122260223 127.0.0.1 ${50000 + n} typ host`,
  sdpMid: '0',
  sdpMLineIndex: 0,
  toJSON() { return { candidate: this.candidate, sdpMid: this.sdpMid, sdpMLineIndex: this.sdpMLineIndex }; },
});
const sdp = (type) => ({ type, sdp: `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=kvs-js-${type}\r\nt=0 0\r\n`,
  toJSON() { return { type: this.type, sdp: this.sdp }; } });

const done = (code) => { client.close(); setTimeout(() => process.exit(code), 100); };
setTimeout(() => { print('timeout', {}); done(1); }, 20000);

let answered = false;
let candidates = 0;
client.on('open', () => {
  print('open', {});
  if (role === Role.VIEWER) {
    client.sendSdpOffer(sdp('offer'));
    client.sendIceCandidate(candidate(1));
  }
});
client.on('sdpOffer', (offer, remoteClientId) => {
  print('sdpOffer', { offer, remoteClientId });
  client.sendSdpAnswer(sdp('answer'), remoteClientId);
  client.sendIceCandidate(candidate(2), remoteClientId);
  answered = true;
});
client.on('sdpAnswer', (answer) => { print('sdpAnswer', { answer }); answered = true; });
client.on('iceCandidate', (c, remoteClientId) => {
  print('iceCandidate', { candidate: c, remoteClientId: remoteClientId || null });
  candidates += 1;
  if (answered && candidates >= 1) done(0);
});
client.on('statusResponse', (status) => print('statusResponse', { status }));
client.on('error', (error) => { print('error', { error: String(error) }); done(1); });
client.on('close', () => print('close', {}));
client.open();
