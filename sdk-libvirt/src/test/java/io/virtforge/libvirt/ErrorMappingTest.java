package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.AlreadyExistsException;
import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtException;
import io.virtforge.libvirt.ErrorMapping.Call;
import io.virtforge.libvirt.ErrorMapping.Kind;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;

/**
 * The mapping rules on libvirt's error details, with the messages libvirt 9.0 really gives (collected
 * from the test and QEMU drivers; the integration tests raise each of them for real).
 */
class ErrorMappingTest {
    @Test
    void theCodeConstantsAreLibvirtsNumbers() throws Exception {
        for (Field f : ErrorMapping.class.getDeclaredFields()) {
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            int value = f.getInt(null);
            if (f.getName().startsWith("FROM_")) {
                assertThat(ErrorDomain.valueOf("VIR_" + f.getName()).ordinal()).as(f.getName()).isEqualTo(value);
            } else {
                assertThat(ErrorNumber.valueOf("VIR_ERR_" + f.getName()).ordinal()).as(f.getName()).isEqualTo(value);
            }
        }
    }

    @Test
    void libvirtJavasEnumsCarryTheNumberUnlessUnknown() {
        assertThat(ErrorMapping.number(ErrorNumber.VIR_ERR_NO_DOMAIN)).isEqualTo(42);
        assertThat(ErrorMapping.number(ErrorDomain.VIR_FROM_QEMU)).isEqualTo(10);
        assertThat(ErrorMapping.number(ErrorNumber.VIR_ERR_UNKNOWN)).isEqualTo(-1);
        assertThat(ErrorMapping.number(null)).isZero();
    }

    @ParameterizedTest(name = "{0}/{1} {2} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            42 | 12 | Domain not found                                                               | GENERAL | NOT_FOUND
            42 | 10 | Domain not found: no domain with matching name 'x'                             | GENERAL | NOT_FOUND
            53 | 22 | Node device not found: no node device with matching name 'pci_0000_ff_1f_7'    | GENERAL | NOT_FOUND
            99 | 10 | device not found: no target device vdz                                         | GENERAL | NOT_FOUND
            49 | 18 | Storage pool not found: no storage pool with matching name 'nope'              | GENERAL | NOT_FOUND
            50 | 18 | Storage volume not found: no storage vol with matching path '/nope/vol'        | GENERAL | NOT_FOUND
            9  | 20 | operation failed: domain 'a' already exists with uuid 1111                     | GENERAL | ALREADY_EXISTS
            9  | 20 | operation failed: domain 'a' is already defined with uuid 1111                 | GENERAL | ALREADY_EXISTS
            9  | 19 | operation failed: network 'n' already exists with uuid 1111                    | GENERAL | ALREADY_EXISTS
            28 | 10 | domain exists                                                                  | GENERAL | ALREADY_EXISTS
            9  | 10 | operation failed: something else                                               | GENERAL | OTHER
            27 | 20 | XML error: an os <type> must be specified                                      | GENERAL | INVALID_DEFINITION
            35 | 20 | (domain_definition):1: Premature end of data in tag domain line 1             | GENERAL | INVALID_DEFINITION
            67 | 10 | unsupported configuration: Disk iothread '3' not defined in iothreadid         | GENERAL | INVALID_DEFINITION
            8  | 10 | invalid argument: cannot set memory higher than max memory                     | GENERAL | INVALID_DEFINITION
            8  | 12 | unsupported flags (0x2) in function testDomainPinVcpuFlags                     | GENERAL | NOT_SUPPORTED
            3  | 20 | this function is not supported by the connection driver: virNodeAllocPages     | GENERAL | NOT_SUPPORTED
            74 | 0  | parameter 'numa_bogus' not supported                                           | GENERAL | NOT_SUPPORTED
            84 | 10 | Operation not supported: x                                                     | GENERAL | NOT_SUPPORTED
            5  | 0  | no connection driver available for nosuchdriver:///x                           | GENERAL | NOT_SUPPORTED
            55 | 10 | Requested operation is not valid: domain is already running                    | START   | INVALID_STATE
            55 | 20 | Requested operation is not valid: domain is not running                        | GENERAL | INVALID_STATE
            1  | 12 | internal error: Domain 'x' is already running                                  | START   | INVALID_STATE
            1  | 12 | internal error: domain 'x' not paused                                          | GENERAL | INVALID_STATE
            1  | 7  | internal error: client socket is closed                                        | GENERAL | CONNECTION_LOST
            38 | 7  | Failed to connect socket to '/var/run/libvirt/libvirt-sock': Connection refused | GENERAL | CONNECTION_LOST
            38 | 7  | End of file while reading data: Input/output error                             | GENERAL | CONNECTION_LOST
            38 | 7  | Cannot write data: Broken pipe                                                 | GENERAL | CONNECTION_LOST
            1  | 7  | internal error: connection closed due to keepalive timeout                     | GENERAL | CONNECTION_LOST
            39 | 0  | rpc error                                                                      | GENERAL | CONNECTION_LOST
            1  | 13 | internal error: the caller doesn't support keepalive protocol; perhaps it's missing event loop implementation | GENERAL | OTHER
            1  | 10 | internal error: qemu unexpectedly closed the monitor: x: unable to map backing store for guest RAM: Cannot allocate memory | START | HOST_RESOURCE
            1  | 10 | internal error: qemu unexpectedly closed the monitor: x: unable to map backing store for guest RAM: Cannot allocate memory | GENERAL | OTHER
            1  | 10 | internal error: something broke                                                | START   | OTHER
            """)
    void classifies(int code, int domain, String message, Call call, Kind kind) {
        assertThat(ErrorMapping.kind(code, domain, message, call)).isEqualTo(kind);
    }

    @Test
    void eachKindIsItsExceptionAndKeepsLibvirtsDetails() {
        assertThat(map(42, 10, "Domain not found")).isExactlyInstanceOf(NotFoundException.class);
        assertThat(map(9, 20, "operation failed: domain 'a' already exists with uuid u"))
                .isExactlyInstanceOf(AlreadyExistsException.class);
        assertThat(map(27, 20, "XML error: x")).isExactlyInstanceOf(InvalidDefinitionException.class);
        assertThat(map(3, 20, "not supported")).isExactlyInstanceOf(NotSupportedException.class);
        assertThat(map(55, 10, "Requested operation is not valid")).isExactlyInstanceOf(InvalidStateException.class);
        assertThat(map(1, 7, "internal error: client socket is closed"))
                .isExactlyInstanceOf(ConnectionLostException.class);
        assertThat(ErrorMapping.map("starting", 1, 10, "unable to map backing store for guest RAM", Call.START))
                .isExactlyInstanceOf(HostResourceException.class);
        VirtException other = map(1, 10, "internal error: boom");
        assertThat(other).isExactlyInstanceOf(VirtException.class);
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.errorDomain()).isEqualTo(10);
        assertThat(other.libvirtMessage()).isEqualTo("internal error: boom");
        assertThat(other.getMessage()).isEqualTo("doing it failed: internal error: boom [libvirt code 1, domain 10]");
        assertThat(map(1, 10, null).libvirtMessage()).isEmpty();
    }

    private static VirtException map(int code, int domain, String message) {
        return ErrorMapping.map("doing it", code, domain, message, Call.GENERAL);
    }
}
