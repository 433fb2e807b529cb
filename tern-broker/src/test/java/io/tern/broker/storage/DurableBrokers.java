package io.tern.broker.storage;

import io.tern.broker.BrokerConfig;
import io.tern.broker.TernBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttVersion;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import java.nio.file.Path;

/** Brokers started on a RocksDB data directory, one after the other, and MQTT 5 clients of them. */
final class DurableBrokers {
    private DurableBrokers() {
    }

    /** A started broker on {@code data}, listening on a free loopback port. */
    static TernBroker start(Path data, BrokerConfig config, SyncPolicy sync) {
        TernBroker broker = TernBroker.builder().listen("127.0.0.1", 0).config(config)
                .storage(new RocksDbStorage(data, sync)).build();
        broker.start();
        return broker;
    }

    /** An MQTT 5 client that sent {@code connect} and received the CONNACK. */
    static RawClient connect(TernBroker broker, Connect connect) {
        RawClient client = new RawClient(broker.port()).version(MqttVersion.V5);
        client.send(connect);
        client.receive(Connack.class);
        return client;
    }
}
