package io.virtforge.fake.kernel;

/** The SR-IOV capability of a physical function of a {@link FakeSysfs} host. */
public final class SriovSpec {
    int totalVfs = 8;
    int vfDevice = -1;
    String vfDriver = "iavf";
    int offset = 0x80;
    int stride = 1;
    boolean autoprobe = true;
    int[] vfIommuGroups;

    SriovSpec() {
    }

    /** {@code sriov_totalvfs} (default 8). */
    public SriovSpec totalVfs(int n) {
        this.totalVfs = n;
        return this;
    }

    /** The VFs' device id (default: the PF's). */
    public SriovSpec vfDevice(int id) {
        this.vfDevice = id;
        return this;
    }

    /** The driver VFs bind to when probed (default {@code iavf}); it is loaded. */
    public SriovSpec vfDriver(String name) {
        this.vfDriver = name;
        return this;
    }

    /** The first VF's routing id offset from the PF's (default 0x80: PF {@code 3b:00.0}, VF0 {@code 3b:10.0}). */
    public SriovSpec offset(int rid) {
        this.offset = rid;
        return this;
    }

    /** The routing id step between VFs (default 1). */
    public SriovSpec stride(int rid) {
        this.stride = rid;
        return this;
    }

    /**
     * The IOMMU group of each VF, by VF index (default: each VF gets the next group number no device uses,
     * as behind ACS); VFs beyond the list get defaults.
     */
    public SriovSpec vfIommuGroups(int... groups) {
        this.vfIommuGroups = groups.clone();
        return this;
    }

    /** The initial {@code sriov_drivers_autoprobe} (default true). */
    public SriovSpec autoprobe(boolean on) {
        this.autoprobe = on;
        return this;
    }
}
