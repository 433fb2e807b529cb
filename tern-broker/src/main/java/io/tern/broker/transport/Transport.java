package io.tern.broker.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The socket transport: native epoll where available (Linux), Java NIO otherwise. */
public enum Transport {
    /** Linux epoll through Netty's native transport. */
    EPOLL,
    /** Java NIO, available everywhere. */
    NIO;

    /** The best transport on this machine. */
    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** An event loop group of {@code threads} threads (0 for Netty's default of two per core). */
    public EventLoopGroup newEventLoopGroup(int threads) {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    /**
     * A server socket for {@code address}: IPv4 addresses get IPv4 sockets, so that {@code 0.0.0.0}
     * and {@code ::1} can share a port (a dual-stack socket on 0.0.0.0 would take both).
     */
    public ServerChannel newServerChannel(InetSocketAddress address) {
        SocketProtocolFamily family = address.getAddress() instanceof Inet4Address
                ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        return this == EPOLL
                ? new EpollServerSocketChannel(family)
                : new NioServerSocketChannel(SelectorProvider.provider(), family);
    }
}
