package io.virtforge.connect;

/**
 * What a provider without live migration throws from {@link VirtDomain}'s migration calls: libvirt's
 * {@code VIR_ERR_NO_SUPPORT}, classified by {@link LibvirtErrors} like any other unsupported call, so a caller
 * handles it as it handles libvirt's own.
 */
final class MigrationUnsupported {
    private MigrationUnsupported() {
    }

    static NotSupportedException exception(String operation, String domain) {
        return (NotSupportedException) LibvirtErrors.exception(operation + " of domain '" + domain
                + "': this provider does not migrate domains", LibvirtErrors.VIR_ERR_NO_SUPPORT,
                LibvirtErrors.VIR_FROM_NONE, "this function is not supported by the connection driver: " + operation,
                LibvirtErrors.Call.GENERAL);
    }
}
