package io.tern.client.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll where Netty has it, NIO otherwise: the threads and socket class of a client. */
final class NettyTransports {
    private NettyTransports() {
    }

    /** One daemon network thread for a client of its own. */
    static EventLoopGroup newEventLoopGroup() {
        DefaultThreadFactory threads = new DefaultThreadFactory("tern-client", true);
        return new MultiThreadIoEventLoopGroup(1, threads,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** The socket channel class that fits a group. */
    static Class<? extends SocketChannel> channelClass(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)
                ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
