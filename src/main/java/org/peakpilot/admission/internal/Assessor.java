package org.peakpilot.admission.internal;

import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.ProjectInput;
import org.springframework.stereotype.Component;

/**
 * Computes a project's assessment (stateless, stores nothing): validates the input ({@code ProjectInputs}), gathers
 * the figures through other modules' entry points (accounting's calculator, industry average and inventory totals,
 * monitoring's efficiency levels, the plan's zones, the registry's parks, the budget's headroom and red counties, the
 * admitted projects) and judges them by the plan folder's admission rules ({@code AdmissionRules}). Used by the
 * preview and by the filing workflow, so both give the same figures.
 */
@Component
public class Assessor {

	/**
	 * The assessment of a project under the current rules.
	 *
	 * @throws org.peakpilot.platform.InvalidInputException naming every body path that is wrong ({@code lines[2].unit},
	 *         {@code value_added_10k_cny}, {@code park}), before any figure is computed
	 */
	public Assessment assess(ProjectInput input) {
		throw new UnsupportedOperationException("issue 13: the engine lands on branch a13-engine after the contract");
	}
}
