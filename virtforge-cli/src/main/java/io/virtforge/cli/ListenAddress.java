package io.virtforge.cli;

import java.net.InetSocketAddress;

/** {@code HOST:PORT} or {@code [IPv6]:PORT}, as {@code --listen} takes it. */
final class ListenAddress {
    private ListenAddress() {
    }

    static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw CliException.badInput("--listen wants HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw CliException.badInput("--listen: '" + text.substring(colon + 1) + "' is not a port (0-65535)");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw CliException.badInput("--listen: cannot resolve host '" + host + "'");
        }
        return address;
    }
}
