package org.peakpilot.inclusive;

import org.springframework.stereotype.Service;

/**
 * The carbon-inclusive scheme's entry point (碳普惠): what other modules may ask of it. Its pages and API call the
 * module's {@code internal} classes directly (ADR 0013).
 */
@Service
public class CarbonInclusive {
}
