package io.virtforge.fake.kernel;

import java.util.function.Consumer;

/** How a PCI function of a {@link FakeSysfs} host looks: ids, class, NUMA node, IOMMU group, driver, SR-IOV. */
public final class PciDeviceSpec {
    int vendor = 0x8086;
    int device = 0x1572;
    int deviceClass = 0x020000;
    int numaNode = -1;
    Integer iommuGroup;
    String driver;
    boolean bound = true;
    String boundTo;
    String driverOverride;
    Boolean bootVga;
    SriovSpec sriov;
    MdevParentSpec mdev;

    PciDeviceSpec() {
    }

    /** Makes the function a mediated device parent (a vGPU-capable GPU) with the given types. */
    public PciDeviceSpec mdev(Consumer<MdevParentSpec> spec) {
        MdevParentSpec s = new MdevParentSpec();
        spec.accept(s);
        this.mdev = s;
        return this;
    }

    /** The vendor id (default 0x8086). */
    public PciDeviceSpec vendor(int id) {
        this.vendor = id;
        return this;
    }

    /** The device id (default 0x1572). */
    public PciDeviceSpec device(int id) {
        this.device = id;
        return this;
    }

    /** The 24-bit class code (default 0x020000, Ethernet). */
    public PciDeviceSpec deviceClass(int code) {
        this.deviceClass = code;
        return this;
    }

    /** The NUMA node (default -1, unknown). */
    public PciDeviceSpec numaNode(int node) {
        this.numaNode = node;
        return this;
    }

    /** The IOMMU group (default: none, as without an IOMMU). */
    public PciDeviceSpec iommuGroup(int group) {
        this.iommuGroup = group;
        return this;
    }

    /** The device's own host driver: loaded, its id table matches the device, and it is bound unless {@link #unbound()}. */
    public PciDeviceSpec driver(String name) {
        this.driver = name;
        return this;
    }

    /** Leaves the device unbound at start. */
    public PciDeviceSpec unbound() {
        this.bound = false;
        return this;
    }

    /** Starts with the device bound to another driver (e.g. vfio-pci, as after an earlier assignment). */
    public PciDeviceSpec boundTo(String name) {
        this.boundTo = name;
        return this;
    }

    /** Starts with this {@code driver_override}. */
    public PciDeviceSpec driverOverride(String name) {
        this.driverOverride = name;
        return this;
    }

    /** Gives a display device a {@code boot_vga} attribute. */
    public PciDeviceSpec bootVga(boolean primary) {
        this.bootVga = primary;
        return this;
    }

    /** Makes the device an SR-IOV physical function. */
    public PciDeviceSpec sriov(Consumer<SriovSpec> spec) {
        this.sriov = new SriovSpec();
        spec.accept(sriov);
        return this;
    }
}
