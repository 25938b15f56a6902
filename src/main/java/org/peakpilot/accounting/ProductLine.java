package org.peakpilot.accounting;

import java.math.BigDecimal;

/** A product made in the month, in the product's own unit (t, or m² for tiles). */
@io.swagger.v3.oas.annotations.media.Schema(description = "A product made in the month · 当月产品产量")
public record ProductLine(
		@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, example = "CLINKER",
				description = "The product's code in /api/v1/accounting/products · 产品代码") String productCode,
		@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, minimum = "0", maximum = Calculation.QUANTITY_MAX, example = "90000",
				description = "Quantity in the product's unit (t, or m² for tiles) · 产量（按产品单位）") BigDecimal quantity) {
}
