// Records CSP violations, so the test can prove the strict policy is in force.
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
