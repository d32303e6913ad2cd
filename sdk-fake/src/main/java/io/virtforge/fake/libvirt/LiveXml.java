package io.virtforge.fake.libvirt;

import io.virtforge.model.Domain;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlNode;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What libvirt fills into a running domain's XML: the domain {@code id}, the host-side tap device of each
 * NIC ({@code vnetN} for network, bridge and ethernet NICs, {@code macvtapN} for direct ones, numbered
 * host-wide as the kernel does), and device aliases ({@code virtio-disk0}, {@code net0}, {@code hostdev0}).
 * Guest PCI addresses are not assigned.
 */
final class LiveXml {
    private static final List<String> DOMAIN_ORDER = List.of("name", "uuid", "genid", "title", "description",
            "metadata", "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu",
            "vcpus", "iothreads", "iothreadids", "cputune", "numatune", "resource", "sysinfo", "bootloader",
            "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot", "on_crash",
            "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity");

    private LiveXml() {
    }

    /** The running form of a definition. */
    static Domain decorate(Domain d, int id, IntSupplier nextTap) {
        XmlElement.Builder root = d.xml().toBuilder().attribute("id", Integer.toString(id));
        XmlElement devices = d.xml().element("devices").orElse(null);
        if (devices != null) {
            root.setElements("devices", List.of(devices(devices, nextTap)), DOMAIN_ORDER);
        }
        return Domain.fromXml(root.build());
    }

    /**
     * The definition as libvirt parses a definition (inactive): without the domain {@code id}, without the
     * aliases libvirt generated (user aliases start with {@code ua-}) and without generated tap device names
     * ({@code vnet*}, {@code macvtap*}), so the running XML of a domain can be defined again.
     */
    static Domain inactive(Domain d) {
        XmlElement.Builder root = d.xml().toBuilder().removeAttribute("id");
        XmlElement devices = d.xml().element("devices").orElse(null);
        if (devices != null) {
            XmlElement.Builder b = XmlElement.builder("devices");
            devices.attributes().forEach(a -> b.attribute(a.name(), a.value()));
            for (XmlNode n : devices.children()) {
                b.add(n instanceof XmlElement e ? stripGenerated(e) : n);
            }
            root.setElements("devices", List.of(b.build()), DOMAIN_ORDER);
        }
        return Domain.fromXml(root.build());
    }

    private static XmlElement stripGenerated(XmlElement device) {
        XmlElement.Builder b = device.toBuilder();
        device.element("alias").flatMap(a -> a.attribute("name")).filter(a -> !a.startsWith("ua-"))
                .ifPresent(a -> b.removeElements("alias"));
        if (device.hasName("interface")) {
            device.element("target").flatMap(t -> t.attribute("dev"))
                    .filter(t -> t.startsWith("vnet") || t.startsWith("macvtap") || t.startsWith("macvlan"))
                    .ifPresent(t -> b.removeElements("target"));
        }
        return b.build();
    }

    /** A device hot-plugged into a running domain, with its tap device and an alias no other device has. */
    static io.virtforge.model.Device plug(Domain live, io.virtforge.model.Device device, IntSupplier nextTap) {
        XmlElement e = device.xml();
        java.util.Set<String> taken = new java.util.HashSet<>();
        live.devices().all().forEach(d -> d.alias().ifPresent(taken::add));
        String alias = switch (e.name()) {
            case "disk" -> diskAlias(e);
            case "interface" -> free("net", taken);
            case "hostdev" -> free("hostdev", taken);
            default -> null;
        };
        if (e.name().equals("interface")) {
            e = tap(e, nextTap);
        }
        return io.virtforge.model.Device.fromXml(alias(e, alias != null && taken.contains(alias) ? null : alias));
    }

    private static String free(String prefix, java.util.Set<String> taken) {
        int i = 0;
        while (taken.contains(prefix + i)) {
            i++;
        }
        return prefix + i;
    }

    private static XmlElement devices(XmlElement devices, IntSupplier nextTap) {
        XmlElement.Builder b = XmlElement.builder("devices");
        devices.attributes().forEach(a -> b.attribute(a.name(), a.value()));
        int net = 0;
        int hostdev = 0;
        for (XmlNode n : devices.children()) {
            if (!(n instanceof XmlElement e)) {
                b.add(n);
                continue;
            }
            switch (e.name()) {
                case "disk" -> b.add(alias(e, diskAlias(e)));
                case "interface" -> b.add(alias(tap(e, nextTap), "net" + net++));
                case "hostdev" -> b.add(alias(e, "hostdev" + hostdev++));
                default -> b.add(e);
            }
        }
        return b.build();
    }

    private static XmlElement alias(XmlElement device, String alias) {
        if (device.element("alias").isPresent() || alias == null) {
            return device;
        }
        return device.toBuilder().add(XmlElement.builder("alias").attribute("name", alias).build()).build();
    }

    private static String diskAlias(XmlElement disk) {
        XmlElement target = disk.element("target").orElse(null);
        if (target == null || target.attribute("dev").isEmpty()) {
            return null;
        }
        String dev = target.attribute("dev").get();
        String bus = target.attribute("bus").orElse("virtio");
        int index = Math.max(0, letterIndex(dev));
        return switch (bus) {
            case "virtio" -> "virtio-disk" + index;
            case "scsi" -> "scsi0-0-0-" + index;
            case "sata" -> "sata0-0-" + index;
            case "ide" -> "ide0-" + index / 2 + "-" + index % 2;
            default -> bus + "-disk" + index;
        };
    }

    /** vda → 0, vdb → 1, vdaa → 26, as libvirt's virDiskNameToIndex. */
    private static int letterIndex(String dev) {
        int i = dev.length();
        while (i > 0 && Character.isLowerCase(dev.charAt(i - 1))) {
            i--;
        }
        int start = Math.min(dev.length(), Math.max(i, 2));
        int index = 0;
        for (int k = start; k < dev.length(); k++) {
            index = index * 26 + (dev.charAt(k) - 'a' + 1);
        }
        return index - 1;
    }

    private static XmlElement tap(XmlElement nic, IntSupplier nextTap) {
        String type = nic.attribute("type").orElse("");
        String prefix = switch (type) {
            case "network", "bridge", "ethernet" -> "vnet";
            case "direct" -> "macvtap";
            default -> null;
        };
        if (prefix == null) {
            return nic;
        }
        String given = nic.element("target").flatMap(t -> t.attribute("dev")).orElse(null);
        if (given != null && !given.startsWith("vnet") && !given.startsWith("macvtap")) {
            return nic;
        }
        XmlElement target = XmlElement.builder("target").attribute("dev", prefix + nextTap.getAsInt()).build();
        return nic.toBuilder().setElements("target", List.of(target), List.of()).build();
    }
}
