package io.virtforge.libvirt.jna;

import com.sun.jna.Pointer;
import io.virtforge.xml.XmlDocument;

/**
 * Defining, creating, undefining and freeing domains by direct calls, the calls a define + undefine makes.
 * libvirt-java makes each through its interface mapping (a proxy, argument conversion, a native copy of
 * every string): on the test driver that was most of what the SDK added to a define + undefine.
 */
final class DomainDefinitionCalls {
    private DomainDefinitionCalls() {
    }

    /** A new domain reference for the caller to free. */
    static Pointer define(Pointer conn, XmlDocument xml) {
        Pointer dom = NativeXmlText.with(xml, text -> LibvirtNative.virDomainDefineXML(conn, text));
        if (dom == null) {
            throw NativeErrors.failure("virDomainDefineXML");
        }
        return dom;
    }

    /** A new domain reference for the caller to free. */
    static Pointer create(Pointer conn, XmlDocument xml, int flags) {
        Pointer dom = NativeXmlText.with(xml, text -> LibvirtNative.virDomainCreateXML(conn, text, flags));
        if (dom == null) {
            throw NativeErrors.failure("virDomainCreateXML");
        }
        return dom;
    }

    static boolean isPersistent(Pointer dom) {
        int rc = LibvirtNative.virDomainIsPersistent(dom);
        if (rc < 0) {
            throw NativeErrors.failure("virDomainIsPersistent");
        }
        return rc == 1;
    }

    static void undefine(Pointer dom, int flags) {
        if (LibvirtNative.virDomainUndefineFlags(dom, flags) < 0) {
            throw NativeErrors.failure("virDomainUndefineFlags");
        }
    }

    static void free(Pointer dom) {
        if (LibvirtNative.virDomainFree(dom) < 0) {
            throw NativeErrors.failure("virDomainFree");
        }
    }
}
