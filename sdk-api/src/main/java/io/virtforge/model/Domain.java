package io.virtforge.model;

import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.xml.XmlDocument;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A libvirt domain: the root of the typed model of domain XML ({@code <domain type>}).
 *
 * <p>Typed where tuning reasons (memory, vCPUs and their pinning, NUMA, huge pages, CPU model and
 * topology, OS and boot, features, clock, lifecycle, devices) and lossless everywhere: elements and
 * attributes the model does not type, in any namespace, are kept and written back. Immutable and
 * thread-safe; {@link #toBuilder()} edits a copy.
 */
public final class Domain extends XmlModel {
    static final String NAME = "domain";
    /** libvirt's order of the domain's children, used to place new ones. */
    static final List<String> ORDER = List.of("name", "uuid", "genid", "title", "description", "metadata",
            "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus",
            "iothreads", "iothreadids", "cputune", "numatune", "resource", "sysinfo", "bootloader",
            "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot", "on_crash",
            "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity");

    private final String type;
    private final int id;
    private final String name;
    private final UUID uuid;
    private final String title;
    private final String description;
    private final Metadata metadata;
    private final MaxMemory maxMemory;
    private final DataSize memory;
    private final DataSize currentMemory;
    private final BlkioTune blkiotune;
    private final MemTune memtune;
    private final MemoryBacking memoryBacking;
    private final Vcpu vcpu;
    private final List<VcpuState> vcpuStates;
    private final int iothreads;
    private final List<IothreadId> iothreadIds;
    private final CpuTune cputune;
    private final NumaTune numatune;
    private final Resource resource;
    private final Os os;
    private final Features features;
    private final Cpu cpu;
    private final Clock clock;
    private final String onPoweroff;
    private final String onReboot;
    private final String onCrash;
    private final PowerManagement pm;
    private final Devices devices;

    /** Comments and processing instructions before and after the root element of the document read. */
    private final List<XmlNode> prolog;
    private final List<XmlNode> epilog;

    private Domain(ElementReader r, XmlDocument source) {
        super(r.element());
        prolog = source == null ? List.of() : source.prolog();
        epilog = source == null ? List.of() : source.epilog();
        type = r.attr("type");
        id = r.number("id");
        String n = r.childText("name");
        if (n == null || n.isBlank()) {
            throw r.context().error("a domain needs a <name>");
        }
        name = n.trim();
        String u = r.childText("uuid");
        uuid = u == null ? null : r.parse("uuid", u, Uuids::parse);
        title = r.childText("title");
        description = r.childText("description");
        metadata = r.child("metadata", Metadata::read);
        maxMemory = r.child("maxMemory", MaxMemory::read);
        memory = r.childSize("memory", DataUnit.KIB);
        currentMemory = r.childSize("currentMemory", DataUnit.KIB);
        blkiotune = r.child(BlkioTune.NAME, BlkioTune::read);
        memtune = r.child(MemTune.NAME, MemTune::read);
        memoryBacking = r.child(MemoryBacking.NAME, MemoryBacking::read);
        vcpu = r.child("vcpu", Vcpu::read);
        ElementReader vs = r.sub("vcpus");
        vcpuStates = vs.children("vcpu", VcpuState::read);
        vs.done();
        long io = r.childUlong("iothreads");
        iothreads = io < 0 ? -1 : (int) Math.min(io, Integer.MAX_VALUE);
        ElementReader ids = r.sub("iothreadids");
        iothreadIds = ids.children("iothread", IothreadId::read);
        ids.done();
        cputune = r.child(CpuTune.NAME, CpuTune::read);
        numatune = r.child(NumaTune.NAME, NumaTune::read);
        resource = r.child("resource", Resource::read);
        os = r.child(Os.NAME, Os::read);
        features = r.child(Features.NAME, Features::read);
        cpu = r.child(Cpu.NAME, Cpu::read);
        clock = r.child(Clock.NAME, Clock::read);
        onPoweroff = trimmed(r.childText("on_poweroff"));
        onReboot = trimmed(r.childText("on_reboot"));
        onCrash = trimmed(r.childText("on_crash"));
        pm = r.child("pm", PowerManagement::read);
        Devices d = r.child(Devices.NAME, Devices::read);
        devices = d == null ? Devices.empty() : d;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    /**
     * Reads a domain from its root element. Throws {@link io.virtforge.xml.XmlModelException} when the
     * element is not a {@code <domain>} or holds a value its type cannot hold.
     */
    public static Domain fromXml(XmlElement root) {
        return read(root, ParseContext.create());
    }

    /**
     * Lists what the model keeps but does not type in a domain document: attributes, elements and text,
     * by path (an element's parts are listed after those of its typed children). Throws like {@link #fromXml(XmlElement)} on invalid values.
     */
    public static List<Untyped> inspect(XmlElement root) {
        List<Untyped> found = new java.util.ArrayList<>();
        read(root, ParseContext.inspecting(found::add));
        return List.copyOf(found);
    }

    /**
     * Reads a domain from a whole document, keeping the comments and processing instructions around the
     * root element so that {@link #document()} gives them back. Throws like {@link #fromXml(XmlElement)}.
     */
    public static Domain fromXml(XmlDocument document) {
        return read(document.root(), ParseContext.create(), document);
    }

    /**
     * The domain as a whole document: its element, and the comments and processing instructions that
     * surrounded it in the document it was read from, kept through {@link #toBuilder()} edits (none for a
     * domain built from scratch). They are not part of the domain's equality.
     */
    public XmlDocument document() {
        return new XmlDocument(prolog, xml(), epilog);
    }

    static Domain read(XmlElement e, ParseContext c) {
        return read(e, c, null);
    }

    private static Domain read(XmlElement e, ParseContext c, XmlDocument source) {
        ElementReader r = c.open(e);
        if (!e.hasName(NAME)) {
            throw c.error("expected a <domain> root element, found <" + e.name() + ">");
        }
        return r.done(new Domain(r, source));
    }

    /** A new domain with the given name and type, to fill with typed parts. */
    public static Builder builder(String name, DomainType type) {
        return new Builder(XmlElement.builder(NAME)).type(type).name(name);
    }

    /** A builder holding this domain, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder(), prolog, epilog);
    }

    /** The hypervisor driver. */
    public Optional<DomainType> type() {
        return XmlEnum.lookup(DomainType.class, type);
    }

    /** The hypervisor driver as written. */
    public Optional<String> typeAsString() {
        return Optional.ofNullable(type);
    }

    /** The run-time id of a running domain. */
    public OptionalInt id() {
        return Opt.of(id);
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The UUID (libvirt generates one at define time when absent). */
    public Optional<UUID> uuid() {
        return Optional.ofNullable(uuid);
    }

    /** A short title. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** A free-form description. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** Applications' metadata, verbatim. */
    public Optional<Metadata> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** The memory hotplug ceiling. */
    public Optional<MaxMemory> maxMemory() {
        return Optional.ofNullable(maxMemory);
    }

    /** The memory at boot ({@code <memory>}). */
    public Optional<DataSize> memory() {
        return Optional.ofNullable(memory);
    }

    /** The memory actually given (balloon target, {@code <currentMemory>}). */
    public Optional<DataSize> currentMemory() {
        return Optional.ofNullable(currentMemory);
    }

    /** The block I/O weight and per-host-device limits. */
    public Optional<BlkioTune> blkiotune() {
        return Optional.ofNullable(blkiotune);
    }

    /** Host memory limits. */
    public Optional<MemTune> memtune() {
        return Optional.ofNullable(memtune);
    }

    /** Huge pages, locking and other memory backing options. */
    public Optional<MemoryBacking> memoryBacking() {
        return Optional.ofNullable(memoryBacking);
    }

    /** The {@code <vcpu>} element: count, placement, default cpuset. */
    public Optional<Vcpu> vcpu() {
        return Optional.ofNullable(vcpu);
    }

    /** The number of vCPUs (maximum); 1 when {@code <vcpu>} is absent, as in libvirt. */
    public int vcpuCount() {
        return vcpu == null ? 1 : vcpu.count();
    }

    /** The per-vCPU states of {@code <vcpus>}. */
    public List<VcpuState> vcpuStates() {
        return vcpuStates;
    }

    /** The number of I/O threads ({@code <iothreads>}). */
    public OptionalInt iothreads() {
        return Opt.of(iothreads);
    }

    /** The I/O thread ids ({@code <iothreadids>}). */
    public List<IothreadId> iothreadIds() {
        return iothreadIds;
    }

    /** CPU pinning, scheduling and bandwidth. */
    public Optional<CpuTune> cputune() {
        return Optional.ofNullable(cputune);
    }

    /** Host NUMA memory policy. */
    public Optional<NumaTune> numatune() {
        return Optional.ofNullable(numatune);
    }

    /** The cgroup partition. */
    public Optional<Resource> resource() {
        return Optional.ofNullable(resource);
    }

    /** How the guest boots. */
    public Optional<Os> os() {
        return Optional.ofNullable(os);
    }

    /** Machine features and enlightenments. */
    public Optional<Features> features() {
        return Optional.ofNullable(features);
    }

    /** The guest CPU: mode, model, topology, NUMA cells. */
    public Optional<Cpu> cpu() {
        return Optional.ofNullable(cpu);
    }

    /** The clock and timers. */
    public Optional<Clock> clock() {
        return Optional.ofNullable(clock);
    }

    /** What happens on guest power-off. */
    public Optional<LifecycleAction> onPoweroff() {
        return XmlEnum.lookup(LifecycleAction.class, onPoweroff);
    }

    /** What happens on guest reboot. */
    public Optional<LifecycleAction> onReboot() {
        return XmlEnum.lookup(LifecycleAction.class, onReboot);
    }

    /** What happens on guest crash. */
    public Optional<LifecycleAction> onCrash() {
        return XmlEnum.lookup(LifecycleAction.class, onCrash);
    }

    /** Suspend permissions. */
    public Optional<PowerManagement> pm() {
        return Optional.ofNullable(pm);
    }

    /** The devices (empty when the domain has none). */
    public Devices devices() {
        return devices;
    }

    /** Builds or edits a {@link Domain}; untyped parts of an edited domain are kept. */
    public static final class Builder extends ModelBuilder<Builder, Domain> {
        Builder(XmlElement.Builder xml) {
            super(xml, Domain::read, ORDER);
        }

        /** Edits a domain read from a document: the comments and processing instructions around it stay. */
        Builder(XmlElement.Builder xml, List<XmlNode> prolog, List<XmlNode> epilog) {
            super(xml, (e, c) -> read(e, c, new XmlDocument(prolog, e, epilog)), ORDER);
        }

        /** Sets the hypervisor type. */
        public Builder type(DomainType value) {
            return attribute("type", value);
        }

        /** Sets the name. */
        public Builder name(String value) {
            return textChild("name", value);
        }

        /** Sets the UUID (null removes it: libvirt then generates one). */
        public Builder uuid(UUID value) {
            return textChild("uuid", value);
        }

        /** Sets the title (null removes it). */
        public Builder title(String value) {
            return textChild("title", value);
        }

        /** Sets the description (null removes it). */
        public Builder description(String value) {
            return textChild("description", value);
        }

        /** Sets the metadata (null removes it). */
        public Builder metadata(Metadata value) {
            return child("metadata", value);
        }

        /** Sets the memory at boot (null removes it). */
        public Builder memory(DataSize size) {
            return sizeChild("memory", size);
        }

        /** Sets the current memory (null removes it). */
        public Builder currentMemory(DataSize size) {
            return sizeChild("currentMemory", size);
        }

        /** Sets the memory hotplug ceiling (null removes it). */
        public Builder maxMemory(MaxMemory value) {
            return child("maxMemory", value);
        }

        /** Sets blkiotune (null removes it). */
        public Builder blkiotune(BlkioTune value) {
            return child(BlkioTune.NAME, value);
        }

        /** Sets memtune (null removes it). */
        public Builder memtune(MemTune value) {
            return child(MemTune.NAME, value);
        }

        /** Sets memoryBacking (null removes it). */
        public Builder memoryBacking(MemoryBacking value) {
            return child(MemoryBacking.NAME, value);
        }

        /** Sets the {@code <vcpu>} element (null removes it). */
        public Builder vcpu(Vcpu value) {
            return child("vcpu", value);
        }

        /** Sets the number of I/O threads (null removes it). */
        public Builder iothreads(Integer count) {
            return textChild("iothreads", count);
        }

        /** Sets the I/O thread ids (an empty list removes them). */
        public Builder iothreadIds(List<IothreadId> ids) {
            XmlElement.Builder b = XmlElement.builder("iothreadids");
            ids.forEach(i -> b.add(i.xml()));
            xml.setElements("iothreadids", ids.isEmpty() ? List.of() : List.of(b.build()), ORDER);
            return this;
        }

        /** Sets cputune (null removes it). */
        public Builder cputune(CpuTune value) {
            return child(CpuTune.NAME, value);
        }

        /** Sets numatune (null removes it). */
        public Builder numatune(NumaTune value) {
            return child(NumaTune.NAME, value);
        }

        /** Sets the resource partition (null removes it). */
        public Builder resource(Resource value) {
            return child("resource", value);
        }

        /** Sets os (null removes it). */
        public Builder os(Os value) {
            return child(Os.NAME, value);
        }

        /** Sets features (null removes them). */
        public Builder features(Features value) {
            return child(Features.NAME, value);
        }

        /** Sets cpu (null removes it). */
        public Builder cpu(Cpu value) {
            return child(Cpu.NAME, value);
        }

        /** Sets clock (null removes it). */
        public Builder clock(Clock value) {
            return child(Clock.NAME, value);
        }

        /** Sets the power-off action (null removes it). */
        public Builder onPoweroff(LifecycleAction action) {
            return textChild("on_poweroff", action);
        }

        /** Sets the reboot action (null removes it). */
        public Builder onReboot(LifecycleAction action) {
            return textChild("on_reboot", action);
        }

        /** Sets the crash action (null removes it). */
        public Builder onCrash(LifecycleAction action) {
            return textChild("on_crash", action);
        }

        /** Sets the suspend permissions (null removes them). */
        public Builder pm(PowerManagement value) {
            return child("pm", value);
        }

        /** Sets the devices (null removes them). */
        public Builder devices(Devices value) {
            return child(Devices.NAME, value);
        }
    }
}
