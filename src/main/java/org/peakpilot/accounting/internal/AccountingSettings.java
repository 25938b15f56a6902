package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.peakpilot.plan.PilotPlan;
import org.springframework.stereotype.Component;

/**
 * The plan folder's {@code accounting.properties}, read once: the grid region for purchased electricity, the
 * grade bounds and the plan items that receive the inventory's indicators. A plan without the file gets the
 * national grid, the default bounds and no indicator items.
 */
@Component
public class AccountingSettings {

	private final Properties properties;

	AccountingSettings(PilotPlan plan) {
		this.properties = plan.planProperties("accounting.properties");
	}

	public String gridRegion() {
		return properties.getProperty("electricity.grid-region", "NATIONAL").strip().toUpperCase(Locale.ROOT);
	}

	public List<BigDecimal> gradeBounds() {
		return Arrays.stream(properties.getProperty("grade.bounds", "0.6,0.9,1.1,1.5").split(",")).map(String::strip)
			.map(BigDecimal::new).toList();
	}

	/** The value of a key, if set and not blank. */
	Optional<String> get(String key) {
		String v = properties.getProperty(key);
		return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
	}

}
