package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/**
 * {@code <source>} of a disk: a file, a block device, a directory, a network volume
 * ({@code protocol}, {@code name} and hosts) or a storage pool volume ({@code pool}, {@code volume}).
 */
public final class DiskSource extends XmlModel {
    private final String file;
    private final String dev;
    private final String dir;
    private final String protocol;
    private final String name;
    private final String pool;
    private final String volume;
    private final String mode;
    private final String startupPolicy;
    private final List<Host> hosts;

    private DiskSource(ElementReader r) {
        super(r.element());
        file = r.attr("file");
        dev = r.attr("dev");
        dir = r.attr("dir");
        protocol = r.attr("protocol");
        name = r.attr("name");
        pool = r.attr("pool");
        volume = r.attr("volume");
        mode = r.attr("mode");
        startupPolicy = r.attr("startupPolicy");
        hosts = r.children("host", Host::read);
    }

    static DiskSource read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new DiskSource(r));
    }

    /** A file source. */
    public static DiskSource file(String path) {
        return Models.build("source", DiskSource::read, "file", path);
    }

    /** A block device source. */
    public static DiskSource block(String device) {
        return Models.build("source", DiskSource::read, "dev", device);
    }

    /** A storage pool volume source. */
    public static DiskSource volume(String pool, String volume) {
        return Models.build("source", DiskSource::read, "pool", pool, "volume", volume);
    }

    /** The file (type file). */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The block device (type block). */
    public Optional<String> dev() {
        return Optional.ofNullable(dev);
    }

    /** The directory (type dir). */
    public Optional<String> dir() {
        return Optional.ofNullable(dir);
    }

    /** The protocol (type network): rbd, iscsi, nbd, gluster, http... */
    public Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** The volume or image name (type network). */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The storage pool (type volume). */
    public Optional<String> pool() {
        return Optional.ofNullable(pool);
    }

    /** The volume (type volume). */
    public Optional<String> volume() {
        return Optional.ofNullable(volume);
    }

    /** host or direct (type volume, iSCSI pools). */
    public Optional<String> mode() {
        return Optional.ofNullable(mode);
    }

    /** mandatory, requisite or optional. */
    public Optional<String> startupPolicy() {
        return Optional.ofNullable(startupPolicy);
    }

    /** The servers (type network). */
    public List<Host> hosts() {
        return hosts;
    }

    /** {@code <host name port transport socket/>}: one server of a network disk. */
    public static final class Host extends XmlModel {
        private final String name;
        private final String port;
        private final String transport;
        private final String socket;

        private Host(ElementReader r) {
            super(r.element());
            name = r.attr("name");
            port = r.attr("port");
            transport = r.attr("transport");
            socket = r.attr("socket");
        }

        static Host read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new Host(r));
        }

        /** Host name or address. */
        public Optional<String> name() {
            return Optional.ofNullable(name);
        }

        /** Port (a number or a service name). */
        public Optional<String> port() {
            return Optional.ofNullable(port);
        }

        /** tcp, rdma or unix. */
        public Optional<String> transport() {
            return Optional.ofNullable(transport);
        }

        /** Unix socket path (transport unix). */
        public Optional<String> socket() {
            return Optional.ofNullable(socket);
        }
    }
}
