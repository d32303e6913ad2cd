package io.virtforge.fake.libvirt;

import io.virtforge.model.Domain;
import io.virtforge.xml.XmlElement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Device rules of the QEMU driver's define that the fake models (its validation step and the parser's device
 * checks), each found by {@code FakeDefineDifferentialIT} on libvirt's corpus, with QEMU's words: one host device
 * twice; the PCI root a machine family needs; a spice TLS port on a host whose {@code qemu.conf} leaves spice TLS
 * off (the default); an emulated TPM on a host without {@code swtpm} (Debian's default). The rules of one area are
 * in their own classes ({@link FirmwareRules}, {@link NumaRules}, {@link UsbRules}, {@link UsbAddressRules}, {@link PciControllerRules}, {@link PciAddressRules},
 * {@link DiskRules}, {@link DisplayRules}, {@link IommuRules}, {@link SerialRules}, {@link CpuTuneRules},
 * {@link SecurityLabelRules}, {@link SysinfoRules}, {@link ChardevRules}, {@link NetRules}, {@link InputRules},
 * {@link MachineFeatureRules}, {@link HostdevRules}, {@link HostCapabilityRules}). The rules the fake does not
 * model yet are listed with QEMU's reason in sdk-libvirt's {@code fake-define-known-differences.txt}.
 */
final class QemuValidation {
    private QemuValidation() {
    }

    /** The area rules that read the document alone, each given the domain's name and its guest machine. */
    private static final List<java.util.function.BiConsumer<String, GuestMachine>> AREA_RULES = List.of(
            FirmwareRules::check, NumaRules::check, UsbRules::check, UsbAddressRules::check, PciControllerRules::check,
            PciAddressRules::check, DiskRules::check, DisplayRules::check, IommuRules::check, SerialRules::check,
            SecurityLabelRules::check, SysinfoRules::check, ChardevRules::check, NetRules::check, InputRules::check,
            MachineFeatureRules::check, HostdevRules::check);

    static void check(Domain d, String hostArch, List<io.virtforge.connect.GuestSupport> guests) {
        GuestMachine g = GuestMachine.of(d, hostArch, guests);
        AREA_RULES.forEach(rule -> rule.accept(d.name(), g));
        CpuTuneRules.check(d, g);
        HostCapabilityRules.check(d.name(), g, QemuDriverChecks.emulator(d, guests, hostArch));
        hostdevsOnce(d);
        controllersOnce(d);
        pciRoot(d);
        diskAddresses(d);
        spiceTls(d);
        tpmEmulator(d);
        shmemModels(d);
    }

    /** One controller of a type per index; USB companion controllers share their master's index. 27/20. */
    private static void controllersOnce(Domain d) {
        Set<String> seen = new HashSet<>();
        for (XmlElement c : devices(d, "controller")) {
            String type = c.attribute("type").orElse("");
            if (type.equals("usb")) {
                continue;
            }
            String index = c.attribute("index").orElse(null);
            if (index != null && !seen.add(type + "/" + index)) {
                throw FakeErrors.xmlError(d.name(), "Multiple '" + type + "' controllers with index '" + index + "'");
            }
        }
    }

    /** A disk on an IDE, floppy, SCSI or SATA bus sits on a drive address, not a PCI one. 67/10. */
    private static void diskAddresses(Domain d) {
        for (XmlElement disk : devices(d, "disk")) {
            String bus = disk.element("target").flatMap(t -> t.attribute("bus")).orElse("");
            String type = disk.element("address").flatMap(a -> a.attribute("type")).orElse("drive");
            if (Set.of("ide", "fdc", "scsi", "sata").contains(bus) && !type.equals("drive")) {
                String dev = disk.element("target").flatMap(t -> t.attribute("dev")).orElse("");
                throw FakeErrors.qemuUnsupported(d.name(), "Invalid address type '" + type + "' for the disk '" + dev
                        + "' with the bus type '" + bus + "'");
            }
        }
    }

    /** QEMU 7.2 has no plain ivshmem (the default model): only ivshmem-plain and ivshmem-doorbell. 67/10. */
    private static void shmemModels(Domain d) {
        for (XmlElement shmem : devices(d, "shmem")) {
            String model = shmem.element("model").flatMap(m -> m.attribute("type")).orElse("ivshmem");
            if (model.equals("ivshmem")) {
                throw FakeErrors.qemuUnsupported(d.name(), "ivshmem device is not supported with this QEMU binary");
            }
        }
    }

    /** virDomainHostdevInsert's check: the same source twice is the same device twice. 27/20. */
    private static void hostdevsOnce(Domain d) {
        Set<String> seen = new HashSet<>();
        for (XmlElement h : devices(d, "hostdev")) {
            XmlElement source = h.element("source").orElse(null);
            if (source != null && !seen.add(h.attribute("type").orElse("") + source)) {
                throw FakeErrors.xmlError(d.name(), "Hostdev already exists in the domain configuration");
            }
        }
    }

    /** An i440FX machine's PCI controller 0 is a pci-root, a Q35's a pcie-root. 27/20. */
    private static void pciRoot(Domain d) {
        String wanted = MachineFamily.of(d.os().flatMap(o -> o.machine()).orElse("")).pciRoot();
        if (wanted == null) {
            return;
        }
        for (XmlElement c : devices(d, "controller")) {
            if ("pci".equals(c.attribute("type").orElse("")) && "0".equals(c.attribute("index").orElse(""))) {
                String model = c.attribute("model").orElse(wanted);
                if (!model.equals(wanted)) {
                    throw FakeErrors.xmlError(d.name(), "The PCI controller with index='0' must be model='" + wanted
                            + "' for this machine type, but model='" + model + "' was found instead");
                }
            }
        }
    }

    /** qemu.conf's spice_tls is 0 by default: a TLS port cannot be served. 67/10. */
    private static void spiceTls(Domain d) {
        for (XmlElement g : devices(d, "graphics")) {
            boolean tlsPort = g.attribute("tlsPort").map(p -> !p.equals("-1") && !p.equals("0")).orElse(false);
            if ("spice".equals(g.attribute("type").orElse("")) && tlsPort) {
                throw FakeErrors.qemuUnsupported(d.name(),
                        "spice TLS port set in XML configuration, but TLS is disabled in qemu.conf");
            }
        }
    }

    /** Without swtpm (not installed with QEMU on Debian) an emulated TPM of any version is refused. 67/10. */
    private static void tpmEmulator(Domain d) {
        for (XmlElement t : devices(d, "tpm")) {
            XmlElement backend = t.element("backend").orElse(null);
            if (backend != null && "emulator".equals(backend.attribute("type").orElse(""))) {
                String model = t.attribute("model").orElse("tpm-tis");
                String version = backend.attribute("version").orElse(model.equals("tpm-tis") ? "1.2" : "2.0");
                throw FakeErrors.qemuUnsupported(d.name(), "TPM version '" + version + "' is not supported");
            }
        }
    }

    private static List<XmlElement> devices(Domain d, String name) {
        return d.devices().xml().elements(name);
    }
}
