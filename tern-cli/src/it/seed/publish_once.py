#!/usr/bin/env python3
# encoding: utf-8
"""Publishes one message with the seed's own publisher, clicentMqttTest.py, and makes sure it leaves.

The seed's publisher calls publish() and exits at once, and paho's network thread may not have sent
the message by then (see issue 3). Importing clicentMqttTest connects to 127.0.0.1:1883 and starts
paho's network thread, as running it does; then this calls its clicent_main(), and disconnect() and
loop_stop(), which return only once the PUBLISH and the DISCONNECT queued after it are written.

Usage: publish_once.py [MESSAGE]      (default: the seed's own message)
"""
import sys

import clicentMqttTest

message = sys.argv[1] if len(sys.argv) > 1 else "我是一条测试数据!"
clicentMqttTest.clicent_main(message)
clicentMqttTest.client.disconnect()
clicentMqttTest.client.loop_stop()
