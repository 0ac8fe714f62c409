from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from taawun.web.selectors import home_summary


@login_required
def home(request):
    return render(request, "web/home.html", home_summary(request.user))
