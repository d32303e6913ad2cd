package io.virtforge.benchmarks.jaxb;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElements;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A quick Jakarta XML Binding model of the shape of {@code seed/high-perf-vm.xml}, "lossless-ish": every
 * class also keeps what it does not name, the stock way: {@code @XmlAnyElement} (W3C DOM elements, the
 * default {@code W3CDomHandler}, {@code lax=false}) and {@code @XmlAnyAttribute}, as xjc generates them.
 * Element-bearing classes inherit both from {@link Extensible}; text-valued classes ({@code <memory>},
 * {@code <vcpu>}, {@code <os><type>}) cannot (JAXB refuses {@code @XmlValue} on a class that derives
 * another class, and any-element next to {@code @XmlValue}), so they declare only the any-attribute
 * map. The same classes as {@link JaxbPlainModel}. Benchmark peer only.
 *
 * <p>Not lossless even so: comments, processing instructions and the position of unknown elements
 * among known ones are lost, unknown text is dropped.
 */
public final class JaxbAnyModel {
    private JaxbAnyModel() {
    }

    /** The classes to build the context from. */
    public static Class<?>[] classes() {
        return new Class<?>[] {Domain.class};
    }

    /** What every element-bearing class keeps beyond what it names. */
    @XmlTransient
    @XmlAccessorType(XmlAccessType.FIELD)
    public abstract static class Extensible {
        @XmlAnyElement(lax = false) public List<Element> any;
        @XmlAnyAttribute public Map<QName, String> otherAttributes = new HashMap<>();
    }

    /** The {@code <domain>} element. */
    @XmlRootElement(name = "domain")
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Domain extends Extensible {
        @XmlAttribute public String type;
        @XmlElement public String name;
        @XmlElement public Sized memory;
        @XmlElement public Sized currentMemory;
        @XmlElement public Vcpu vcpu;
        @XmlElement public MemoryBacking memoryBacking;
        @XmlElement public Cpu cpu;
        @XmlElement public NumaTune numatune;
        @XmlElement public CpuTune cputune;
        @XmlElement public Os os;
        @XmlElement public Devices devices;
    }

    /** {@code <memory unit='GiB'>16</memory>} and the like: text-valued. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Sized {
        @XmlAnyAttribute public Map<QName, String> otherAttributes = new HashMap<>();
        @XmlAttribute public String unit;
        @XmlValue public long value;
    }

    /** The {@code <vcpu>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Vcpu {
        @XmlAnyAttribute public Map<QName, String> otherAttributes = new HashMap<>();
        @XmlAttribute public String placement;
        @XmlAttribute public String cpuset;
        @XmlAttribute public Integer current;
        @XmlValue public int value;
    }

    /** The {@code <memoryBacking>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class MemoryBacking extends Extensible {
        @XmlElement public Hugepages hugepages;
        @XmlElement public Flag nosharepages;
        @XmlElement public Flag locked;
    }

    /** An element whose presence is the value ({@code <locked/>}). */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Flag extends Extensible {
    }

    /** The {@code <memoryBacking/hugepages>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Hugepages extends Extensible {
        @XmlElement(name = "page") public List<Page> pages = new ArrayList<>();
    }

    /** The {@code <hugepages/page>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Page extends Extensible {
        @XmlAttribute public Long size;
        @XmlAttribute public String unit;
        @XmlAttribute public String nodeset;
    }

    /** The {@code <cpu>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Cpu extends Extensible {
        @XmlAttribute public String mode;
        @XmlAttribute public String match;
        @XmlAttribute public String check;
        @XmlElement public Topology topology;
        @XmlElement public Numa numa;
    }

    /** The {@code <cpu/topology>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Topology extends Extensible {
        @XmlAttribute public Integer sockets;
        @XmlAttribute public Integer dies;
        @XmlAttribute public Integer cores;
        @XmlAttribute public Integer threads;
    }

    /** The {@code <cpu/numa>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Numa extends Extensible {
        @XmlElement(name = "cell") public List<Cell> cells = new ArrayList<>();
    }

    /** The {@code <numa/cell>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Cell extends Extensible {
        @XmlAttribute public Integer id;
        @XmlAttribute public String cpus;
        @XmlAttribute public Long memory;
        @XmlAttribute public String unit;
    }

    /** The {@code <numatune>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class NumaTune extends Extensible {
        @XmlElement public NumaMemory memory;
    }

    /** The {@code <numatune/memory>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class NumaMemory extends Extensible {
        @XmlAttribute public String mode;
        @XmlAttribute public String nodeset;
    }

    /** The {@code <cputune>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class CpuTune extends Extensible {
        @XmlElement(name = "vcpupin") public List<VcpuPin> vcpupins = new ArrayList<>();
        @XmlElement public CpuSetPin emulatorpin;
    }

    /** The {@code <cputune/vcpupin>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class VcpuPin extends Extensible {
        @XmlAttribute public int vcpu;
        @XmlAttribute public String cpuset;
    }

    /** The {@code <emulatorpin>} and {@code <iothreadpin>} kind: a pin by cpuset. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class CpuSetPin extends Extensible {
        @XmlAttribute public String cpuset;
    }

    /** The {@code <os>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Os extends Extensible {
        @XmlElement public OsType type;
        @XmlElement(name = "boot") public List<Boot> boots = new ArrayList<>();
    }

    /** The {@code <os/type>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class OsType {
        @XmlAnyAttribute public Map<QName, String> otherAttributes = new HashMap<>();
        @XmlAttribute public String arch;
        @XmlAttribute public String machine;
        @XmlValue public String value;
    }

    /** The {@code <os/boot>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Boot extends Extensible {
        @XmlAttribute public String dev;
    }

    /** Devices in document order (libvirt interleaves kinds). */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Devices extends Extensible {
        @XmlElements({
            @XmlElement(name = "controller", type = Controller.class),
            @XmlElement(name = "disk", type = Disk.class),
            @XmlElement(name = "interface", type = Interface.class),
            @XmlElement(name = "console", type = Console.class),
            @XmlElement(name = "graphics", type = Graphics.class)
        })
        public List<Object> devices = new ArrayList<>();
    }

    /** The {@code <controller>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Controller extends Extensible {
        @XmlAttribute public String type;
        @XmlAttribute public Integer index;
        @XmlAttribute public String model;
        @XmlElement public ControllerDriver driver;
    }

    /** The {@code <controller/driver>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class ControllerDriver extends Extensible {
        @XmlAttribute public Integer queues;
        @XmlAttribute public Integer iothread;
    }

    /** The {@code <disk>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Disk extends Extensible {
        @XmlAttribute public String type;
        @XmlAttribute public String device;
        @XmlElement public DiskDriver driver;
        @XmlElement public DiskSource source;
        @XmlElement public DiskTarget target;
    }

    /** The {@code <disk/driver>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class DiskDriver extends Extensible {
        @XmlAttribute public String name;
        @XmlAttribute public String type;
        @XmlAttribute public String cache;
        @XmlAttribute public String io;
        @XmlAttribute public String discard;
        @XmlAttribute public Integer iothread;
    }

    /** The {@code <disk/source>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class DiskSource extends Extensible {
        @XmlAttribute public String file;
        @XmlAttribute public String dev;
    }

    /** The {@code <disk/target>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class DiskTarget extends Extensible {
        @XmlAttribute public String dev;
        @XmlAttribute public String bus;
    }

    /** The {@code <interface>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Interface extends Extensible {
        @XmlAttribute public String type;
        @XmlElement public InterfaceSource source;
        @XmlElement public InterfaceModel model;
        @XmlElement public InterfaceDriver driver;
    }

    /** The {@code <interface/source>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class InterfaceSource extends Extensible {
        @XmlAttribute public String network;
        @XmlAttribute public String bridge;
    }

    /** The {@code <interface/model>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class InterfaceModel extends Extensible {
        @XmlAttribute public String type;
    }

    /** The {@code <interface/driver>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class InterfaceDriver extends Extensible {
        @XmlAttribute public String name;
        @XmlAttribute public Integer queues;
        @XmlAttribute public String txmode;
    }

    /** The {@code <console>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Console extends Extensible {
        @XmlAttribute public String type;
    }

    /** The {@code <graphics>} element. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Graphics extends Extensible {
        @XmlAttribute public String type;
        @XmlAttribute public Integer port;
    }
}
