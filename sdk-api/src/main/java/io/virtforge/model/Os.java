package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <os>}: how the guest boots: OS type and machine, firmware (loader, NVRAM), direct kernel
 * boot (kernel, initrd, cmdline, dtb), BIOS boot order, boot menu and SMBIOS mode.
 */
public final class Os extends XmlModel {
    static final String NAME = "os";
    static final List<String> ORDER = List.of("type", "init", "loader", "nvram", "kernel", "initrd", "cmdline", "dtb",
            "root", "acpi", "boot", "bootmenu", "smbios", "bios");
    private final String firmware;
    private final String type;
    private final String arch;
    private final String machine;
    private final String loader;
    private final Boolean loaderReadonly;
    private final Boolean loaderSecure;
    private final String loaderType;
    private final String nvram;
    private final String nvramTemplate;
    private final String kernel;
    private final String initrd;
    private final String cmdline;
    private final String dtb;
    private final List<String> bootDevices;
    private final Boolean bootMenu;
    private final int bootMenuTimeout;
    private final String smbiosMode;

    private Os(ElementReader r) {
        super(r.element());
        firmware = r.attr("firmware");
        ElementReader t = r.sub("type");
        type = t.text().trim();
        arch = t.attr("arch");
        machine = t.attr("machine");
        t.done();
        ElementReader l = r.sub("loader");
        loader = l.text().trim();
        loaderReadonly = l.bool("readonly");
        loaderSecure = l.bool("secure");
        loaderType = l.attr("type");
        l.done();
        ElementReader n = r.sub("nvram");
        nvram = n.text().trim();
        nvramTemplate = n.attr("template");
        n.done();
        kernel = r.childText("kernel");
        initrd = r.childText("initrd");
        cmdline = r.childText("cmdline");
        dtb = r.childText("dtb");
        List<String> boots = new ArrayList<>();
        for (String dev : r.children("boot", Os::bootDev)) {
            boots.add(dev);
        }
        bootDevices = List.copyOf(boots);
        ElementReader bm = r.sub("bootmenu");
        bootMenu = bm.bool("enable");
        bootMenuTimeout = bm.uint("timeout");
        bm.done();
        smbiosMode = r.childAttr("smbios", "mode", s -> s);
    }

    private static String bootDev(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(r.requiredAttr("dev"));
    }

    static Os read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Os(r));
    }

    /** An os element for a hardware-virtualised guest ({@code <type>hvm</type>}). */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME)).type("hvm");
    }

    /** A builder holding this os, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** {@code firmware} auto-selection: bios or efi. */
    public Optional<String> firmware() {
        return Optional.ofNullable(firmware);
    }

    /** The OS type: hvm, linux (Xen PV), exe (containers). */
    public Optional<String> type() {
        return Optional.ofNullable(type).filter(s -> !s.isEmpty());
    }

    /** The guest architecture, e.g. x86_64. */
    public Optional<String> arch() {
        return Optional.ofNullable(arch);
    }

    /** The machine type, e.g. pc-q35-7.2. */
    public Optional<String> machine() {
        return Optional.ofNullable(machine);
    }

    /** The firmware image path. */
    public Optional<String> loader() {
        return Optional.ofNullable(loader).filter(s -> !s.isEmpty());
    }

    /** {@code <loader readonly>}. */
    public Optional<Boolean> loaderReadonly() {
        return Optional.ofNullable(loaderReadonly);
    }

    /** {@code <loader secure>}: secure boot. */
    public Optional<Boolean> loaderSecure() {
        return Optional.ofNullable(loaderSecure);
    }

    /** {@code <loader type>}: rom or pflash. */
    public Optional<String> loaderType() {
        return Optional.ofNullable(loaderType);
    }

    /** The NVRAM file path. */
    public Optional<String> nvram() {
        return Optional.ofNullable(nvram).filter(s -> !s.isEmpty());
    }

    /** The NVRAM template path. */
    public Optional<String> nvramTemplate() {
        return Optional.ofNullable(nvramTemplate);
    }

    /** Direct boot: the kernel image path. */
    public Optional<String> kernel() {
        return Optional.ofNullable(kernel);
    }

    /** Direct boot: the initrd path. */
    public Optional<String> initrd() {
        return Optional.ofNullable(initrd);
    }

    /** Direct boot: the kernel command line. */
    public Optional<String> cmdline() {
        return Optional.ofNullable(cmdline);
    }

    /** Direct boot: the device tree blob path. */
    public Optional<String> dtb() {
        return Optional.ofNullable(dtb);
    }

    /** BIOS boot order, as typed devices. */
    public List<BootDevice> bootDevices() {
        List<BootDevice> list = new ArrayList<>(bootDevices.size());
        bootDevices.forEach(d -> list.add(XmlEnum.lookup(BootDevice.class, d).orElseThrow()));
        return list;
    }

    /** BIOS boot order, as written. */
    public List<String> bootDevicesAsString() {
        return bootDevices;
    }

    /** {@code <bootmenu enable>}. */
    public Optional<Boolean> bootMenu() {
        return Optional.ofNullable(bootMenu);
    }

    /** {@code <bootmenu timeout>} in milliseconds. */
    public OptionalInt bootMenuTimeout() {
        return Opt.of(bootMenuTimeout);
    }

    /** {@code <smbios mode>}: emulate, host or sysinfo. */
    public Optional<String> smbiosMode() {
        return Optional.ofNullable(smbiosMode);
    }

    /** Builds or edits an {@link Os}. */
    public static final class Builder extends ModelBuilder<Builder, Os> {
        Builder(XmlElement.Builder xml) {
            super(xml, Os::read, ORDER);
        }

        /** Sets the OS type text (hvm for KVM and QEMU guests). */
        public Builder type(String type) {
            return textChild("type", type);
        }

        /** Sets the architecture. */
        public Builder arch(String arch) {
            return childAttributes("type", "arch", arch);
        }

        /** Sets the machine type. */
        public Builder machine(String machine) {
            return childAttributes("type", "machine", machine);
        }

        /** Sets firmware auto-selection (bios or efi; null removes it). */
        public Builder firmware(String firmware) {
            return attribute("firmware", firmware);
        }

        /** Sets the direct-boot kernel (null removes it). */
        public Builder kernel(String path) {
            return textChild("kernel", path);
        }

        /** Sets the direct-boot initrd (null removes it). */
        public Builder initrd(String path) {
            return textChild("initrd", path);
        }

        /** Sets the kernel command line (null removes it). */
        public Builder cmdline(String cmdline) {
            return textChild("cmdline", cmdline);
        }

        /** Replaces the BIOS boot order. */
        public Builder boot(BootDevice... devices) {
            xml.removeElements("boot");
            List<XmlElement> boots = new ArrayList<>();
            for (BootDevice d : devices) {
                boots.add(XmlElement.builder("boot").attribute("dev", d.xmlValue()).build());
            }
            xml.setElements("boot", boots, ORDER);
            return this;
        }

        /** Sets {@code <bootmenu enable>} (null removes it). */
        public Builder bootMenu(Boolean enable) {
            return attributeChild("bootmenu", "enable", enable);
        }

        /** Sets {@code <smbios mode>} (null removes it). */
        public Builder smbiosMode(String mode) {
            return attributeChild("smbios", "mode", mode);
        }
    }
}
