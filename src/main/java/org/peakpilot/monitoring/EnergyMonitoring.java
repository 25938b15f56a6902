package org.peakpilot.monitoring;

import java.util.List;

import org.peakpilot.monitoring.internal.EfficiencyLevels;
import org.peakpilot.monitoring.internal.ElectricityByHour;
import org.peakpilot.monitoring.internal.Gateways;
import org.peakpilot.monitoring.internal.MeteredYear;
import org.peakpilot.monitoring.internal.Meters;
import org.peakpilot.platform.AccessScope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monitoring module's entry point for other modules: registering meters and giving gateways their device tokens
 * (the demo loader and simulator do this). Every call is scoped by {@link AccessScope}. The module's own pages and
 * API call its internal classes directly.
 */
@Service
public class EnergyMonitoring {

	private final Meters meters;
	private final Gateways gateways;
	private final MeteredYear meteredYear;
	private final EfficiencyLevels efficiencyLevels;
	private final ElectricityByHour electricityByHour;

	EnergyMonitoring(Meters meters, Gateways gateways, MeteredYear meteredYear, EfficiencyLevels efficiencyLevels,
			ElectricityByHour electricityByHour) {
		this.efficiencyLevels = efficiencyLevels;
		this.electricityByHour = electricityByHour;
		this.meters = meters;
		this.gateways = gateways;
		this.meteredYear = meteredYear;
	}

	/**
	 * Registers a metering point of an enterprise, validated like the meter form (code unique within the enterprise,
	 * energy code and unit known, interval, range and register maximum); audited. For the enterprise and the officers
	 * who manage it.
	 */
	@Transactional
	public Meter registerMeter(long enterpriseId, MeterForm form) {
		return meters.register(enterpriseId, form);
	}

	/** The enterprise's gateways, revoked ones included, with their token prefixes (never the tokens). */
	public List<Gateway> gateways(long enterpriseId) {
		return gateways.list(enterpriseId);
	}

	/** Creates a gateway of the enterprise with a new device token, shown once in the answer; audited. */
	public CreatedGateway createGateway(long enterpriseId, String name) {
		return gateways.create(enterpriseId, name);
	}

	/**
	 * Gives an active gateway a new device token, shown once in the answer; the old token keeps working for the
	 * rotation overlap ({@code peakpilot.monitoring.token-rotation-overlap}, 10 minutes by default), then stops.
	 * Scoped like creating a gateway.
	 */
	public CreatedGateway rotateGatewayToken(long gatewayId) {
		return gateways.rotate(gatewayId);
	}

	/**
	 * Every enterprise's metered energy of a year per Beijing month, from the month rollups, converted to tce and tCO2
	 * with the accounting calculator's factors of the year, with its coverage (meters, readings, excluded) and the
	 * factors used: an ESTIMATE, never a reported figure. For other modules that compute over the whole city (the
	 * carbon budget's execution), with no user scope: the caller decides what its users may see. Not scoped by
	 * {@link AccessScope}, unlike the other methods here.
	 */
	public List<MeteredMonth> meteredMonths(int year) {
		return meteredYear.of(year);
	}

	/**
	 * The national efficiency levels of a product (accounting's product code), one per class the data distinguishes
	 * (e.g. EAF by furnace size): benchmark, baseline and the mandatory limit, kgce per unit. Empty when the data has
	 * none. Public reference data, no scope.
	 */
	public List<ProductEfficiency> efficiencyLevels(String productCode) {
		return efficiencyLevels.all().stream().filter(l -> productCode != null && productCode.equals(l.productCode()))
			.map(l -> new ProductEfficiency(l.code(), l.productCode(), l.name(), l.unit(), l.benchmark(), l.baseline(), l.limitLevel3(),
					l.limitStandard(), l.limitSource() == null ? l.source() : l.source() + " | limit: " + l.limitSource(), l.verified()))
			.toList();
	}

	/**
	 * An enterprise's metered electricity per hour from {@code from} (inclusive) to {@code to} (exclusive), both whole
	 * hours: the hourly rollups of its ELECTRICITY meters (an interval reading counts in the hour its interval ends in,
	 * so the readings stamped 10:15 … 11:00 form hour 10:00), converted to kWh and summed, with the readings per hour
	 * and how many the meters promise. For the power module's hourly carbon and green windows. Scoped by
	 * {@link AccessScope} like the meter list: meters outside the caller's scope are not counted (an enterprise outside
	 * it has none). The range is the caller's to bound.
	 */
	public ElectricityHours electricityByHour(long enterpriseId, java.time.Instant from, java.time.Instant to) {
		return electricityByHour.of(enterpriseId, from, to);
	}
}
