// The user form: a filter box narrows a list of enterprises (checkboxes or a select's options) by name, USCC or
// county, and only the scope field of the chosen role is shown. Without JavaScript every field stays visible.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('input.choice-filter').forEach(function (box) {
    var target = document.getElementById(box.dataset.filter);
    if (!target) {
      return;
    }
    box.addEventListener('input', function () {
      var q = box.value.trim().toLowerCase();
      var items = target.tagName === 'SELECT' ? target.querySelectorAll('option') : target.querySelectorAll('.choice');
      items.forEach(function (item) {
        var keep = q === '' || item.value === '' || item.textContent.toLowerCase().indexOf(q) >= 0
          || (item.querySelector && item.querySelector('input:checked'));
        if (item.tagName === 'OPTION') {
          item.hidden = !keep;
        } else {
          item.style.display = keep ? 'block' : 'none';
        }
      });
    });
  });
  var role = document.getElementById('role');
  if (role) {
    var show = function () {
      document.querySelectorAll('.scope-field').forEach(function (f) {
        f.hidden = f.dataset.roles.split(' ').indexOf(role.value) < 0;
      });
    };
    role.addEventListener('change', show);
    show();
  }
});
