// The signaling side both Node.js peers share: the official KVS WebRTC JS SDK's SignalingClient, configured from
// the environment the tests set (ROLE, CHANNEL_ARN, WSS_ENDPOINT, REGION, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, CLIENT_ID for a viewer), and one JSON line per event on stdout.
global.WebSocket = require('ws');
const { SignalingClient, Role } = require('amazon-kinesis-video-streams-webrtc');

const role = process.env.ROLE === 'MASTER' ? Role.MASTER : Role.VIEWER;
const print = (event, data = {}) => console.log(JSON.stringify({ event, ...data }));
const client = new SignalingClient({
  channelARN: process.env.CHANNEL_ARN,
  channelEndpoint: process.env.WSS_ENDPOINT,
  clientId: role === Role.VIEWER ? process.env.CLIENT_ID : undefined,
  role,
  region: process.env.REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY },
  systemClockOffset: 0,
});

module.exports = { Role, role, print, client };
