package io.virtforge.connect;

import io.virtforge.check.DomainValidationException;
import io.virtforge.check.Report;
import io.virtforge.check.ValidationOptions;
import io.virtforge.check.Validator;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The checks every {@link VirtConnection} makes before it defines or creates a domain, written once for all
 * providers: {@link DefineOptions.Validation#NONE} checks nothing, {@link DefineOptions.Validation#STRUCTURE}
 * the domain's own invariants, {@link DefineOptions.Validation#HOST} also the host state, which is asked for
 * only then (reading it may cost a round trip to the hypervisor).
 */
public final class DefinePolicy {
    private DefinePolicy() {
    }

    /**
     * Checks the domain as the options say (a provider then writes the XML its hypervisor takes).
     *
     * @param domain the domain to define or create
     * @param options what to check, with which profile
     * @param host the connection's host state; called only for {@link DefineOptions.Validation#HOST}
     * @return the report (no errors; warnings possibly)
     * @throws DomainValidationException when the checks find an error (the report says which)
     */
    public static Report check(Domain domain, DefineOptions options, Supplier<HostState> host) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(host, "host");
        Validator validator = Validator.of(options.profile(), ValidationOptions.DEFAULT);
        Report report = switch (options.validation()) {
            case NONE -> Report.empty();
            case STRUCTURE -> validator.validate(domain);
            case HOST -> validator.validate(domain, Objects.requireNonNull(host.get(), "host state"));
        };
        if (report.hasErrors()) {
            throw new DomainValidationException(domain.name(), report);
        }
        return report;
    }
}
