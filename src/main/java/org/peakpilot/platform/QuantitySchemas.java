package org.peakpilot.platform;

import java.math.BigDecimal;
import java.util.Map;

import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Gj;
import org.peakpilot.shared.Quantity;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.media.NumberSchema;

/**
 * How the API document shows the quantity types of {@code shared}: each as a plain JSON number (what it is on the wire,
 * {@link Quantity#value()}) with its unit in the description, instead of an object with a {@code value} property.
 */
@Configuration(proxyBeanMethods = false)
class QuantitySchemas {

	static {
		Map<Class<?>, Quantity<?>> types = Map.of(Tco2.class, Tco2.ZERO, Tce.class, Tce.ZERO, Gj.class, Gj.ZERO, Cny10k.class,
				Cny10k.of(BigDecimal.ZERO), Tco2PerCny10k.class, Tco2PerCny10k.of(BigDecimal.ZERO));
		types.forEach((type, sample) -> SpringDocUtils.getConfig().replaceWithSchema(type,
				new NumberSchema().description("a number in " + sample.unit())));
	}
}
