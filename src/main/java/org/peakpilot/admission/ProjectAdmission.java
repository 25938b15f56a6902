package org.peakpilot.admission;

import java.util.List;
import java.util.Optional;

import org.peakpilot.admission.internal.Assessor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Project carbon admission (项目碳评、准入): what other modules may ask of the admission module. */
@Component
public class ProjectAdmission {

	private final Assessor assessor;

	@Autowired
	ProjectAdmission(Assessor assessor) {
		this.assessor = assessor;
	}

	/**
	 * The assessment and verdict of a project, storing nothing (the stateless preview for applicants and consultants):
	 * the same figures a filing of the same body gets under the same rules version.
	 *
	 * @throws org.peakpilot.platform.InvalidInputException naming every body path that is wrong
	 */
	public Assessment preview(ProjectInput input) {
		return assessor.assess(input);
	}

	/**
	 * An admitted project by id, read through the caller's scope; empty when there is none, it was not admitted or the
	 * caller may not see it.
	 */
	public Optional<AdmittedProject> admittedProject(long id) {
		// issue 13 in progress: the filing store (helper a13-workflow) implements this before the issue lands
		return Optional.empty();
	}

	/** The admitted projects the caller may see, newest decision first. */
	public List<AdmittedProject> admittedProjects() {
		// issue 13 in progress: the filing store (helper a13-workflow) implements this before the issue lands
		return List.of();
	}
}
