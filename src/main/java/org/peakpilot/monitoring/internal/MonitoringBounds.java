package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

import org.peakpilot.monitoring.MeterForm;

/**
 * The bounds of monitoring's input fields, in one place: from what each field means, and never beyond its column
 * (quantities and register values are NUMERIC(24,6), below 10^18; the multiplier NUMERIC(20,6)).
 */
public final class MonitoringBounds {

	/** A CT × PT ratio: 0 < m ≤ 1,000,000 (a 500 kV PT of 5000 × a CT of 200 is the largest in use). */
	static final BigDecimal MULTIPLIER_MAX = new BigDecimal(MeterForm.MULTIPLIER_MAX);
	/** The largest quantity one interval can hold, in the meter's unit after the multiplier. */
	static final BigDecimal QUANTITY_MAX = new BigDecimal(MeterForm.QUANTITY_MAX);
	/** A register's rollover value and a register reading at an exchange: 15 digits. */
	static final BigDecimal REGISTER_MAX = new BigDecimal(MeterForm.REGISTER_MAX);
	/** A reading's value, as the gateway sends it: below what the readings' NUMERIC(24,6) column holds. */
	static final BigDecimal READING_MAX = new BigDecimal("1e18");
	static final int NAME_MAX = MeterForm.NAME_MAX;
	static final int FACILITY_MAX = MeterForm.FACILITY_MAX;
	static final int ENERGY_CODE_MAX = MeterForm.ENERGY_CODE_MAX;
	static final int UNIT_MAX = MeterForm.UNIT_MAX;
	static final int PRODUCT_CODE_MAX = MeterForm.PRODUCT_CODE_MAX;
	public static final int GATEWAY_NAME_MAX = 128;
	/** Free texts (reasons, comments) stored as TEXT: long enough for any explanation, short enough for a page. */
	public static final int TEXT_MAX = 2000;

	private MonitoringBounds() {
	}
}
