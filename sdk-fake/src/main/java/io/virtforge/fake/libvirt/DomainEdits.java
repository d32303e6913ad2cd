package io.virtforge.fake.libvirt;

import io.virtforge.model.CpuTune;
import io.virtforge.model.Device;
import io.virtforge.model.Disk;
import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.model.NetInterface;
import io.virtforge.model.NumaMode;
import io.virtforge.model.NumaTune;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlNode;
import java.util.List;
import java.util.Optional;

/**
 * The changes libvirt makes to a definition (live or persistent) for device hot-plug and live tuning, with
 * its errors. Devices are matched as libvirt matches them: disks by target, NICs by MAC address, host
 * devices by source address, others by alias, guest address or content.
 */
final class DomainEdits {
    private static final List<String> DOMAIN_ORDER = List.of("name", "uuid", "genid", "title", "description",
            "metadata", "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu",
            "vcpus", "iothreads", "iothreadids", "cputune", "numatune", "resource", "sysinfo", "bootloader",
            "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot", "on_crash",
            "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity");

    private DomainEdits() {
    }

    static Domain attach(Domain d, Device device, boolean live) {
        if (device instanceof Disk disk && disk.targetDev().isPresent()) {
            String target = disk.targetDev().get();
            for (Disk other : d.devices().disks()) {
                if (other.targetDev().map(target::equals).orElse(false)) {
                    throw live ? DefinitionChecks.duplicateTarget(d.name(), target, other, disk)
                            : FakeErrors.configTargetExists(target);
                }
            }
        }
        return d.toBuilder().devices(d.devices().toBuilder().add(device).build()).build();
    }

    static Domain detach(Domain d, Device device, boolean live) {
        XmlElement old = find(d, device, live);
        return replace(d, old, null);
    }

    static Domain update(Domain d, Device device, boolean live) {
        XmlElement old = find(d, device, live);
        XmlElement.Builder fresh = device.xml().toBuilder();
        for (String kept : List.of("alias", "address")) {
            if (device.xml().element(kept).isEmpty()) {
                old.element(kept).ifPresent(fresh::add);
            }
        }
        return replace(d, old, fresh.build());
    }

    /** The device of {@code d} that {@code device} names, as libvirt matches. */
    static Optional<Device> match(Domain d, Device device) {
        if (device instanceof Disk disk && disk.targetDev().isPresent()) {
            return d.devices().disks().stream().filter(o -> o.targetDev().equals(disk.targetDev()))
                    .map(Device.class::cast).findFirst();
        }
        if (device instanceof NetInterface nic) {
            List<NetInterface> all = d.devices().interfaces();
            if (nic.mac().isPresent()) {
                return all.stream().filter(o -> o.mac().equals(nic.mac())).map(Device.class::cast).findFirst();
            }
            Optional<Device> byId = byAliasOrAddress(all, device);
            return byId.isPresent() || all.size() != 1 ? byId : Optional.of(all.get(0));
        }
        if (device instanceof Hostdev h && h.sourcePci().isPresent()) {
            return d.devices().hostdevs().stream().filter(o -> o.sourcePci().equals(h.sourcePci()))
                    .map(Device.class::cast).findFirst();
        }
        List<Device> same = d.devices().all().stream().filter(o -> o.kind().equals(device.kind())).toList();
        Optional<Device> byId = byAliasOrAddress(same, device);
        if (byId.isPresent() || device.alias().isPresent() || device.address().isPresent()) {
            return byId;
        }
        XmlElement bare = strip(device.xml());
        return same.stream().filter(o -> strip(o.xml()).equals(bare)).findFirst();
    }

    private static Optional<Device> byAliasOrAddress(List<? extends Device> candidates, Device device) {
        for (Device o : candidates) {
            if ((device.alias().isPresent() && device.alias().equals(o.alias()))
                    || (device.address().isPresent() && device.address().equals(o.address()))) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    private static XmlElement strip(XmlElement e) {
        return e.toBuilder().removeElements("alias").removeElements("address").build();
    }

    private static XmlElement find(Domain d, Device device, boolean live) {
        return match(d, device).map(Device::xml).orElseThrow(() -> missing(device, live));
    }

    private static RuntimeException missing(Device device, boolean live) {
        if (device instanceof Disk disk && disk.targetDev().isPresent()) {
            String target = disk.targetDev().get();
            return live ? FakeErrors.liveDiskMissing(target) : FakeErrors.configDiskMissing(target);
        }
        if (device instanceof NetInterface nic) {
            return FakeErrors.nicMissing(nic.mac().map(m -> m.format()).orElse("(<null>)"));
        }
        return FakeErrors.deviceMissing(device.kind());
    }

    /** The domain with one device element replaced ({@code by} null: removed). */
    private static Domain replace(Domain d, XmlElement old, XmlElement by) {
        XmlElement devices = d.xml().element("devices").orElseThrow();
        XmlElement.Builder b = XmlElement.builder("devices");
        devices.attributes().forEach(a -> b.attribute(a.name(), a.value()));
        boolean done = false;
        for (XmlNode n : devices.children()) {
            if (!done && n instanceof XmlElement e && e.equals(old)) {
                done = true;
                if (by != null) {
                    b.add(by);
                }
            } else {
                b.add(n);
            }
        }
        return Domain.fromXml(d.xml().toBuilder().setElements("devices", List.of(b.build()), DOMAIN_ORDER).build());
    }

    // ---- tuning

    private static CpuTune.Builder cputune(Domain d) {
        return d.cputune().map(CpuTune::toBuilder).orElseGet(CpuTune::builder);
    }

    static Domain pinVcpu(Domain d, int vcpu, CpuSet cpus, boolean live) {
        if (vcpu < 0 || vcpu >= d.vcpuCount()) {
            throw FakeErrors.noSuchVcpu(vcpu, d.vcpuCount(), live);
        }
        return d.toBuilder().cputune(cputune(d).vcpuPin(vcpu, cpus).build()).build();
    }

    static Domain pinEmulator(Domain d, CpuSet cpus) {
        return d.toBuilder().cputune(cputune(d).emulatorPin(cpus).build()).build();
    }

    static Domain pinIothread(Domain d, int iothread, CpuSet cpus) {
        boolean exists = d.iothreadIds().isEmpty()
                ? iothread >= 1 && iothread <= d.iothreads().orElse(0)
                : d.iothreadIds().stream().anyMatch(i -> i.id() == iothread);
        if (!exists) {
            throw FakeErrors.noSuchIothread(iothread);
        }
        return d.toBuilder().cputune(cputune(d).iothreadPin(iothread, cpus).build()).build();
    }

    /** The balloon target ({@code currentMemory}), at most {@code memory}. */
    static Domain setMemory(Domain d, DataSize size) {
        if (d.memory().isPresent() && size.compareTo(d.memory().get()) > 0) {
            throw FakeErrors.memoryAboveMax();
        }
        return d.toBuilder().currentMemory(size).build();
    }

    static Domain setNumaTune(Domain d, NumaMode mode, NodeSet nodes) {
        NumaTune.Builder b = d.numatune().map(NumaTune::toBuilder).orElseGet(NumaTune::builder);
        return d.toBuilder().numatune(b.memory(mode, nodes).build()).build();
    }
}
