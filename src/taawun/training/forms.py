from taawun.core.forms import RecordForm
from taawun.training.models import TrainingProgram


class TrainingProgramForm(RecordForm):
    class Meta:
        model = TrainingProgram
        fields = [
            "title_ar",
            "title_en",
            "provider",
            "recipient",
            "domain",
            "status",
            "start_date",
            "end_date",
            "trainees",
            "understanding",
            "committee",
            "engagement",
            "description",
            "classification",
        ]
