using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>A message's text can be long: more than the 512 every other string gets.</summary>
internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> e)
    {
        e.Property(x => x.Content).HasMaxLength(32_000);
        e.Property(x => x.ToolCalls).HasMaxLength(4000);
    }
}
