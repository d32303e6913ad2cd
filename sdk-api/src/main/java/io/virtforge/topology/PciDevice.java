package io.virtforge.topology;

import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A host PCI function: ids and class, NUMA node, IOMMU group, bound driver, SR-IOV relations (its PF
 * if it is a VF, its VFs if it is a PF) and the network interface it carries, if any.
 */
public final class PciDevice {
    /** Class code of PCI-to-PCI bridges (0x0604xx), which IOMMU group viability ignores. */
    public static final int CLASS_PCI_BRIDGE = 0x0604;
    private final PciAddress address;
    private final int vendorId;
    private final int deviceId;
    private final int classCode;
    private final int numaNode;
    private final int iommuGroup;
    private final String driver;
    private final PciAddress physfn;
    private final List<PciAddress> virtfns;
    private final int sriovTotalVfs;
    private final String netdev;
    private final String productName;
    private final String vendorName;

    private PciDevice(Builder b) {
        address = Objects.requireNonNull(b.address, "address");
        vendorId = b.vendorId;
        deviceId = b.deviceId;
        classCode = b.classCode;
        numaNode = b.numaNode;
        iommuGroup = b.iommuGroup;
        driver = b.driver;
        physfn = b.physfn;
        virtfns = b.virtfns.stream().sorted().toList();
        sriovTotalVfs = b.sriovTotalVfs;
        netdev = b.netdev;
        productName = b.productName;
        vendorName = b.vendorName;
    }

    /** A device at {@code address}, to describe. */
    public static Builder builder(PciAddress address) {
        return new Builder(address);
    }

    /** A builder holding this device. */
    public Builder toBuilder() {
        Builder b = new Builder(address).vendorId(vendorId).deviceId(deviceId).classCode(classCode)
                .numaNode(numaNode).iommuGroup(iommuGroup).driver(driver).physfn(physfn).virtfns(virtfns)
                .sriovTotalVfs(sriovTotalVfs).netdev(netdev);
        b.productName = productName;
        b.vendorName = vendorName;
        return b;
    }

    /** The address. */
    public PciAddress address() {
        return address;
    }

    /** The vendor id, e.g. 0x8086. */
    public int vendorId() {
        return vendorId;
    }

    /** The device id. */
    public int deviceId() {
        return deviceId;
    }

    /** The 24-bit class code, e.g. 0x020000 (Ethernet); 0 when unknown. */
    public int classCode() {
        return classCode;
    }

    /** True for PCI-to-PCI bridges. */
    public boolean isBridge() {
        return (classCode >> 8) == CLASS_PCI_BRIDGE;
    }

    /** The NUMA node, when the platform reports one. */
    public OptionalInt numaNode() {
        return numaNode < 0 ? OptionalInt.empty() : OptionalInt.of(numaNode);
    }

    /** The IOMMU group, when the IOMMU is on. */
    public OptionalInt iommuGroup() {
        return iommuGroup < 0 ? OptionalInt.empty() : OptionalInt.of(iommuGroup);
    }

    /** The bound driver, e.g. i40e, nvidia, vfio-pci. */
    public Optional<String> driver() {
        return Optional.ofNullable(driver);
    }

    /** True when bound to vfio-pci (ready for assignment). */
    public boolean boundToVfio() {
        return "vfio-pci".equals(driver);
    }

    /** The PF, if this is an SR-IOV VF. */
    public Optional<PciAddress> physfn() {
        return Optional.ofNullable(physfn);
    }

    /** True for an SR-IOV virtual function. */
    public boolean isVf() {
        return physfn != null;
    }

    /** The VFs, if this is an SR-IOV PF with VFs enabled. */
    public List<PciAddress> virtfns() {
        return virtfns;
    }

    /** The most VFs the PF supports; empty when not an SR-IOV PF. */
    public OptionalInt sriovTotalVfs() {
        return sriovTotalVfs < 0 ? OptionalInt.empty() : OptionalInt.of(sriovTotalVfs);
    }

    /** The network interface this function carries, e.g. ens1f0. */
    public Optional<String> netdev() {
        return Optional.ofNullable(netdev);
    }

    /** The product name, when the source gives one. */
    public Optional<String> productName() {
        return Optional.ofNullable(productName);
    }

    /** The vendor name, when the source gives one. */
    public Optional<String> vendorName() {
        return Optional.ofNullable(vendorName);
    }

    /** The ids as {@code vvvv:dddd}, as lspci -n shows them. */
    public String ids() {
        return String.format("%04x:%04x", vendorId, deviceId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PciDevice d && d.address.equals(address) && d.vendorId == vendorId
                && d.deviceId == deviceId && d.classCode == classCode && d.numaNode == numaNode
                && d.iommuGroup == iommuGroup && Objects.equals(d.driver, driver) && Objects.equals(d.physfn, physfn)
                && d.virtfns.equals(virtfns) && d.sriovTotalVfs == sriovTotalVfs && Objects.equals(d.netdev, netdev);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, vendorId, deviceId, numaNode, iommuGroup, driver);
    }

    @Override
    public String toString() {
        return address + " [" + ids() + "] node " + numaNode + " group " + iommuGroup + " driver " + driver;
    }

    /** Builds a {@link PciDevice}; unknown values stay unset (negative numbers mean unknown). */
    public static final class Builder {
        private final PciAddress address;
        private int vendorId;
        private int deviceId;
        private int classCode;
        private int numaNode = -1;
        private int iommuGroup = -1;
        private String driver;
        private PciAddress physfn;
        private List<PciAddress> virtfns = new ArrayList<>();
        private int sriovTotalVfs = -1;
        private String netdev;
        private String productName;
        private String vendorName;

        private Builder(PciAddress address) {
            this.address = address;
        }

        /** Sets the vendor id. */
        public Builder vendorId(int value) {
            vendorId = value;
            return this;
        }

        /** Sets the device id. */
        public Builder deviceId(int value) {
            deviceId = value;
            return this;
        }

        /** Sets the class code. */
        public Builder classCode(int value) {
            classCode = value;
            return this;
        }

        /** Sets the NUMA node (negative: unknown). */
        public Builder numaNode(int value) {
            numaNode = value;
            return this;
        }

        /** Sets the IOMMU group (negative: none). */
        public Builder iommuGroup(int value) {
            iommuGroup = value;
            return this;
        }

        /** Sets the bound driver (null: unbound). */
        public Builder driver(String value) {
            driver = value;
            return this;
        }

        /** Sets the PF of a VF (null: not a VF). */
        public Builder physfn(PciAddress value) {
            physfn = value;
            return this;
        }

        /** Sets the VFs of a PF. */
        public Builder virtfns(List<PciAddress> value) {
            virtfns = new ArrayList<>(value);
            return this;
        }

        /** Sets the VF capacity of a PF (negative: not SR-IOV). */
        public Builder sriovTotalVfs(int value) {
            sriovTotalVfs = value;
            return this;
        }

        /** Sets the network interface name (null: none). */
        public Builder netdev(String value) {
            netdev = value;
            return this;
        }

        /** Sets the product and vendor names (nulls: unknown). */
        public Builder names(String product, String vendor) {
            productName = product;
            vendorName = vendor;
            return this;
        }

        /** Builds the device. */
        public PciDevice build() {
            return new PciDevice(this);
        }
    }
}
