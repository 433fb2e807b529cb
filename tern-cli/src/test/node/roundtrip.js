// MQTT.js against tern broker: a subscriber and a publisher over one URL (ws:// or wss://), a QoS 1
// message from one to the other. Run by MqttJsWebSocketIT after `npm ci` in this directory.
//
//   node roundtrip.js URL PROTOCOL_VERSION [CA_FILE]
//
// PROTOCOL_VERSION is 3 (MQTT 3.1: subprotocol mqttv3.1), 4 (3.1.1) or 5 (both subprotocol mqtt).
// Prints "received TOPIC PAYLOAD" and exits 0, or prints the error and exits 1; gives up after 20 s.
'use strict';
const fs = require('fs');
const mqtt = require('mqtt');

const [url, version, caFile] = process.argv.slice(2);
const protocolVersion = Number(version);
const topic = `mqttjs/${protocolVersion}/${url.startsWith('wss') ? 'wss' : 'ws'}`;
const payload = `hello over ${url.split(':')[0]} from MQTT.js, version ${protocolVersion}`;
const options = {
  protocolVersion,
  ...(protocolVersion === 3 ? { protocolId: 'MQIsdp' } : {}),
  reconnectPeriod: 0,
  connectTimeout: 15000,
  ...(caFile ? { ca: fs.readFileSync(caFile), rejectUnauthorized: true } : {}),
};

function fail(error) {
  console.log(`error: ${error && error.message ? error.message : error}`);
  process.exit(1);
}
setTimeout(() => fail('no message within 20 s'), 20000).unref();

const subscriber = mqtt.connect(url, { ...options, clientId: `mqttjs-sub-${protocolVersion}` });
subscriber.on('error', fail);
subscriber.on('message', (receivedTopic, message) => {
  console.log(`received ${receivedTopic} ${message.toString()}`);
  subscriber.end(false, () => process.exit(0));
});
subscriber.on('connect', () => {
  subscriber.subscribe(topic, { qos: 1 }, (error) => {
    if (error) {
      fail(error);
    }
    const publisher = mqtt.connect(url, { ...options, clientId: `mqttjs-pub-${protocolVersion}` });
    publisher.on('error', fail);
    publisher.on('connect', () => {
      publisher.publish(topic, payload, { qos: 1 }, (publishError) => {
        if (publishError) {
          fail(publishError);
        }
        publisher.end();
      });
    });
  });
});
