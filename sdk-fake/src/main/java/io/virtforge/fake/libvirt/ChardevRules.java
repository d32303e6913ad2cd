package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * libvirt 9.0's rules for character device sources (serial, parallel, console, channel, and an egd RNG's backend),
 * with its codes and words. The QEMU driver's post-parse drops a virtio channel's socket path when it looks
 * generated ({@code qemuDomainChrDefDropDefaultPath}) and puts a UNIX socket without a path in bind mode; then
 * {@code virDomainChrSourceDefValidate} (domain_validate.c: 1/20) wants a path of file, device, pipe and UNIX sources
 * (but a virtio or Xen channel's) and no reconnect in bind mode, and {@code qemuValidateDomainChrSourceReconnectDef}
 * (qemu_validate.c: 8/10) no reconnect timeout of 0.
 */
final class ChardevRules {
    private ChardevRules() {
    }

    private static final List<String> KINDS = List.of("serial", "parallel", "console", "channel");

    static void check(String name, GuestMachine g) {
        for (String kind : KINDS) {
            for (XmlElement chr : g.devices(kind)) {
                String targetType = GuestMachine.childAttribute(chr, "target", "type").orElse("");
                boolean generatedPathAllowed = kind.equals("channel")
                        && (targetType.equals("virtio") || targetType.equals("xen"));
                String targetName = GuestMachine.childAttribute(chr, "target", "name").orElse(null);
                source(name, chr.attribute("type").orElse("pty"), chr.element("source"), generatedPathAllowed,
                        kind.equals("channel") && targetType.equals("virtio") ? targetName : null, true);
            }
        }
        for (XmlElement rng : g.devices("rng")) {
            rng.element("backend").filter(b -> "egd".equals(b.attribute("model").orElse("")))
                    .ifPresent(b -> source(name, b.attribute("type").orElse(""), b.element("source"), false, null, false));
        }
    }

    /**
     * One source.
     *
     * @param virtioChannelName the target name of a virtio channel (whose generated path is dropped), else null
     * @param chardev whether the source is a character device's (a RNG backend's UNIX socket gets no bind mode)
     */
    private static void source(String name, String type, Optional<XmlElement> source, boolean generatedPathAllowed,
            String virtioChannelName, boolean chardev) {
        Optional<String> path = source.flatMap(s -> s.attribute("path"));
        boolean bind = "bind".equals(source.flatMap(s -> s.attribute("mode")).orElse("connect"));
        Optional<XmlElement> reconnect = source.flatMap(s -> s.element("reconnect"));
        // libvirt tests the tristate as a number: enabled='no' is set too
        boolean reconnectSet = reconnect.flatMap(r -> r.attribute("enabled"))
                .filter(e -> e.equals("yes") || e.equals("no")).isPresent();
        switch (type) {
            case "file", "dev", "pipe" -> {
                if (path.isEmpty()) {
                    throw FakeErrors.definitionInternal(name, "Missing source path attribute for char device");
                }
            }
            case "tcp" -> {
                if (bind && reconnectSet) {
                    throw FakeErrors.definitionInternal(name, "chardev reconnect is possible only for connect mode");
                }
            }
            case "unix" -> {
                if (virtioChannelName != null && path.filter(p -> generated(p, virtioChannelName)).isPresent()) {
                    path = Optional.empty();
                }
                if (chardev && path.isEmpty()) {
                    bind = true;
                }
                if (path.isEmpty() && !generatedPathAllowed) {
                    throw FakeErrors.definitionInternal(name, "Missing source path attribute for char device");
                }
                if (bind && reconnectSet) {
                    throw FakeErrors.definitionInternal(name, "chardev reconnect is possible only for connect mode");
                }
            }
            default -> {
                return;
            }
        }
        boolean zeroTimeout = reconnect.filter(r -> "yes".equals(r.attribute("enabled").orElse("")))
                .flatMap(r -> r.attribute("timeout")).filter(t -> t.matches("0+")).isPresent();
        if (zeroTimeout && (type.equals("tcp") || type.equals("unix"))) {
            throw FakeErrors.qemuInvalidArgument(name, "chardev reconnect source timeout cannot be '0'");
        }
    }

    /** The channel directory of Debian's libvirtd ({@code channelTargetDir}). */
    private static final String CHANNEL_DIR = "/var/lib/libvirt/qemu/channel/target";

    /**
     * Whether libvirt takes a virtio channel's socket path for one it generated. Its regular expression is
     * {@code ^DIR/([^/]+\.)|(domain-[^/]+/)NAME$}: the alternation splits it, so a path ending in
     * {@code domain-X/NAME} matches wherever it lies.
     */
    private static boolean generated(String path, String channelName) {
        String regex = "^" + Pattern.quote(CHANNEL_DIR) + "/([^/]+\\.)|(domain-[^/]+/)" + Pattern.quote(channelName) + "$";
        return Pattern.compile(regex).matcher(path).find();
    }
}
