package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A character device: {@code <serial>}, {@code <console>}, {@code <channel>} or {@code <parallel>},
 * with its host side (type and sources: pty, file, unix socket, tcp...), its guest side (target) and
 * an optional log file.
 */
public final class CharDevice extends Device {
    private final String type;
    private final List<Source> sources;
    private final String targetType;
    private final int targetPort;
    private final String targetName;
    private final String targetState;
    private final String logFile;
    private final Boolean logAppend;
    private final String protocol;

    private CharDevice(ElementReader r) {
        super(r);
        type = r.attr("type");
        sources = r.children("source", Source::read);
        ElementReader t = r.sub("target");
        targetType = t.attr("type");
        targetPort = t.uint("port");
        targetName = t.attr("name");
        targetState = t.attr("state");
        t.done();
        ElementReader l = r.sub("log");
        logFile = l.attr("file");
        logAppend = l.bool("append");
        l.done();
        protocol = r.childAttr("protocol", "type", s -> s);
    }

    static CharDevice read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new CharDevice(r));
    }

    /** A pty serial port 0. */
    public static CharDevice ptySerial() {
        return read(XmlElement.builder("serial").attribute("type", "pty")
                .add(XmlElement.builder("target").attribute("port", "0").build()).build(), ParseContext.create());
    }

    /** A pty console on serial port 0. */
    public static CharDevice ptyConsole() {
        return read(XmlElement.builder("console").attribute("type", "pty")
                .add(XmlElement.builder("target").attribute("type", "serial").attribute("port", "0").build()).build(),
                ParseContext.create());
    }

    /** A serial port 0 written to a file on the host. */
    public static CharDevice fileSerial(String path) {
        return read(XmlElement.builder("serial").attribute("type", "file")
                .add(XmlElement.builder("source").attribute("path", path).build())
                .add(XmlElement.builder("target").attribute("port", "0").build()).build(), ParseContext.create());
    }

    /** serial, console, channel or parallel. */
    public String role() {
        return kind();
    }

    /** pty, file, unix, tcp, udp, null, stdio, vc, spicevmc, dev, pipe... */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The host side sources (udp has two). */
    public List<Source> sources() {
        return sources;
    }

    /** {@code <target type>}: serial/virtio (console), virtio/guestfwd (channel), isa-serial... */
    public Optional<String> targetType() {
        return Optional.ofNullable(targetType);
    }

    /** {@code <target port>}. */
    public OptionalInt targetPort() {
        return Opt.of(targetPort);
    }

    /** {@code <target name>}: the channel name, e.g. org.qemu.guest_agent.0. */
    public Optional<String> targetName() {
        return Optional.ofNullable(targetName);
    }

    /** {@code <target state>}: connected or disconnected (live channels). */
    public Optional<String> targetState() {
        return Optional.ofNullable(targetState);
    }

    /** {@code <log file>}. */
    public Optional<String> logFile() {
        return Optional.ofNullable(logFile);
    }

    /** {@code <log append>}. */
    public Optional<Boolean> logAppend() {
        return Optional.ofNullable(logAppend);
    }

    /** {@code <protocol type>}: raw or telnet (tcp). */
    public Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** {@code <source path mode host service/>}: one host-side endpoint. */
    public static final class Source extends XmlModel {
        private final String path;
        private final String mode;
        private final String host;
        private final String service;

        private Source(ElementReader r) {
            super(r.element());
            path = r.attr("path");
            mode = r.attr("mode");
            host = r.attr("host");
            service = r.attr("service");
        }

        static Source read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new Source(r));
        }

        /** File, device or socket path. */
        public Optional<String> path() {
            return Optional.ofNullable(path);
        }

        /** bind or connect. */
        public Optional<String> mode() {
            return Optional.ofNullable(mode);
        }

        /** Host (tcp, udp). */
        public Optional<String> host() {
            return Optional.ofNullable(host);
        }

        /** Port or service (tcp, udp). */
        public Optional<String> service() {
            return Optional.ofNullable(service);
        }
    }
}
