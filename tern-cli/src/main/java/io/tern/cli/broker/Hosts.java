package io.tern.cli.broker;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Checks the hosts listeners are given, from the configuration file or {@code --bind}. */
final class Hosts {
    private Hosts() {
    }

    /** Why {@code host} cannot be listened on, or null when it can (as far as can be told before binding). */
    static String check(String host) {
        String address = unbracket(host.trim());
        if (address.isEmpty()) {
            return "host is empty: give an IP address such as 127.0.0.1 or ::1, or a host name";
        }
        try {
            InetAddress.getByName(address);
            return null;
        } catch (UnknownHostException | SecurityException e) {
            return "host '" + host + "' is not an IP address or a known host name";
        }
    }

    /** {@code ::1} for {@code [::1]}, as IPv6 addresses are written in URLs. */
    static String unbracket(String host) {
        return host.length() > 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
    }
}
