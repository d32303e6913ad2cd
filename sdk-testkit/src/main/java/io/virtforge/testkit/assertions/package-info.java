/**
 * AssertJ assertions for Virtforge types: {@link io.virtforge.testkit.assertions.VirtforgeAssertions} is the entry
 * point (an {@code org.assertj.core.api.Assertions} with {@code assertThat} for domains, validation reports, host
 * states, placements and domain handles); the {@code *Assert} classes are what it returns. Failure messages say
 * what the value has instead.
 */
package io.virtforge.testkit.assertions;
