package io.virtforge.fake.libvirt;

import io.virtforge.model.Domain;
import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The elements libvirt 9.0's domain parser reads directly under {@code <domain>} and under {@code <devices>}
 * (its schema, {@code domaincommon.rng}); libvirt drops any other element there without a word, so a typo
 * ({@code <devcies>}, {@code <memballon>}) survives no define. Namespaced elements ({@code qemu:commandline})
 * are the drivers' to keep. Deeper levels are kept as given (the fake does not model every element's
 * parser); {@code FakeDefineDifferentialIT} holds these two lists to what libvirt keeps over its corpus.
 */
final class KnownElements {
    static final Set<String> DOMAIN = Set.of("name", "uuid", "genid", "title", "description", "metadata", "maxMemory",
            "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads",
            "iothreadids", "defaultiothread", "cputune", "numatune", "resource", "sysinfo", "bootloader",
            "bootloader_args", "os", "idmap", "features", "clock", "on_poweroff", "on_reboot", "on_crash",
            "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity", "cpu");
    static final Set<String> DEVICES = Set.of("emulator", "disk", "controller", "lease", "filesystem", "interface",
            "input", "sound", "audio", "hostdev", "graphics", "video", "console", "parallel", "serial", "channel",
            "smartcard", "redirdev", "redirfilter", "hub", "watchdog", "memballoon", "rng", "tpm", "nvram", "panic",
            "shmem", "memory", "iommu", "vsock");

    private KnownElements() {
    }

    /** The paths of the elements libvirt would drop, e.g. {@code /domain/devices/memballon}. */
    static List<String> unknown(Domain d) {
        List<String> found = new ArrayList<>();
        for (XmlElement e : d.xml().elements()) {
            if (!known(e, DOMAIN)) {
                found.add("/domain/" + e.name());
            } else if (e.hasName("devices")) {
                for (XmlElement device : e.elements()) {
                    if (!known(device, DEVICES)) {
                        found.add("/domain/devices/" + device.name());
                    }
                }
            }
        }
        return found;
    }

    /** The definition without what libvirt drops. */
    static Domain dropUnknown(Domain d) {
        if (unknown(d).isEmpty()) {
            return d;
        }
        XmlElement.Builder root = d.xml().toBuilder();
        for (XmlElement e : d.xml().elements()) {
            if (e.hasName("devices")) {
                XmlElement.Builder devices = e.toBuilder();
                e.elements().stream().filter(device -> !known(device, DEVICES))
                        .forEach(device -> devices.removeElements(device.name()));
                root.setElements("devices", List.of(devices.build()), List.of());
            } else if (!known(e, DOMAIN)) {
                root.removeElements(e.name());
            }
        }
        return Domain.fromXml(root.build());
    }

    private static boolean known(XmlElement e, Set<String> names) {
        return e.prefix().isPresent() || names.contains(e.name());
    }
}
