package io.virtforge.fake.kernel;

/** A PCI vendor and device id pair, what a driver's id table and {@code new_id} match on. */
record PciId(int vendor, int device) {
    @Override
    public String toString() {
        return String.format("%04x %04x", vendor, device);
    }
}
