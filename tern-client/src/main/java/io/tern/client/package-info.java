/**
 * The Tern MQTT client: {@link io.tern.client.MqttClient} (asynchronous, with futures) and
 * {@link io.tern.client.BlockingMqttClient}, messages, subscriptions, results and the exceptions they fail
 * with.
 */
package io.tern.client;
