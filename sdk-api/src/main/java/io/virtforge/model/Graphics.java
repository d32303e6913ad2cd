package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/** {@code <graphics type port autoport listen>}: a remote display (VNC, SPICE...) and where it listens. */
public final class Graphics extends Device {
    private final String type;
    private final String port;
    private final Boolean autoport;
    private final String listen;
    private final String passwd;
    private final String keymap;
    private final List<Listen> listens;

    private Graphics(ElementReader r) {
        super(r);
        type = r.requiredAttr("type");
        port = r.attr("port");
        autoport = r.bool("autoport");
        listen = r.attr("listen");
        passwd = r.attr("passwd");
        keymap = r.attr("keymap");
        listens = r.children("listen", Listen::read);
    }

    static Graphics read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Graphics(r));
    }

    /** A VNC display on an automatically chosen port. */
    public static Graphics vnc() {
        return read(XmlElement.builder("graphics").attribute("type", "vnc").attribute("port", "-1").build(),
                ParseContext.create());
    }

    /** vnc, spice, sdl, rdp, desktop, egl-headless, dbus. */
    public String type() {
        return type;
    }

    /** The port; -1 asks for an automatic one. */
    public Optional<String> port() {
        return Optional.ofNullable(port);
    }

    /** {@code autoport}. */
    public Optional<Boolean> autoport() {
        return Optional.ofNullable(autoport);
    }

    /** The legacy {@code listen} attribute. */
    public Optional<String> listen() {
        return Optional.ofNullable(listen);
    }

    /** {@code passwd} (written by libvirt only with secure flags). */
    public Optional<String> passwd() {
        return Optional.ofNullable(passwd);
    }

    /** {@code keymap}. */
    public Optional<String> keymap() {
        return Optional.ofNullable(keymap);
    }

    /** The {@code <listen>} elements. */
    public List<Listen> listens() {
        return listens;
    }

    /** {@code <listen type address network socket/>}. */
    public static final class Listen extends XmlModel {
        private final String type;
        private final String address;
        private final String network;
        private final String socket;

        private Listen(ElementReader r) {
            super(r.element());
            type = r.attr("type");
            address = r.attr("address");
            network = r.attr("network");
            socket = r.attr("socket");
        }

        static Listen read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new Listen(r));
        }

        /** address, network, socket or none. */
        public Optional<String> type() {
            return Optional.ofNullable(type);
        }

        /** The address (type address). */
        public Optional<String> address() {
            return Optional.ofNullable(address);
        }

        /** The libvirt network (type network). */
        public Optional<String> network() {
            return Optional.ofNullable(network);
        }

        /** The socket path (type socket). */
        public Optional<String> socket() {
            return Optional.ofNullable(socket);
        }
    }
}
