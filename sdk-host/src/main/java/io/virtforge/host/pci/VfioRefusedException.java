package io.virtforge.host.pci;

import io.virtforge.host.sysfs.HostChangeException;
import io.virtforge.value.PciAddress;

/** {@link VfioBinder} refused to move a device, before changing anything. */
public final class VfioRefusedException extends HostChangeException {
    private static final long serialVersionUID = 1L;
    private final VfioRefusal reason;
    private final transient PciAddress device;

    /**
     * Creates the exception.
     *
     * @param reason  why
     * @param device  the device refused
     * @param message what is wrong and how to proceed
     */
    public VfioRefusedException(VfioRefusal reason, PciAddress device, String message) {
        super(device + ": " + message);
        this.reason = reason;
        this.device = device;
    }

    /** Why. */
    public VfioRefusal reason() {
        return reason;
    }

    /** The device refused. */
    public PciAddress device() {
        return device;
    }
}
