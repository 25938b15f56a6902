package org.peakpilot.inclusive.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The footprint categories of a zero-carbon event, after the MEE 2019 large-event carbon-neutrality guide
 * (大型活动碳中和实施指南（试行）): venue energy (purchased electricity and fuels burned), attendee and organiser travel,
 * accommodation, catering, embodied materials and waste.
 */
@Schema(name = "ZeroCarbonEventCategory", description = "MEE 2019 footprint category · 活动碳足迹类别（生态环境部 2019 指南）")
public enum EventCategory {
	VENUE_ENERGY, TRAVEL, ACCOMMODATION, CATERING, MATERIALS, WASTE
}
