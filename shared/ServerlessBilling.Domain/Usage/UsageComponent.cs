namespace ServerlessBilling.Usage;

public enum UsageComponent
{
    Telephony,
    AiVoice,
    Transfer,
}
