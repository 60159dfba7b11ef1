using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Mailbox.Resources;

/// <summary>The Mailbox module's texts: English keys, Chinese in MailboxResource.zh-CN.resx next to this file.</summary>
public sealed class MailboxResource : ITextResource;
